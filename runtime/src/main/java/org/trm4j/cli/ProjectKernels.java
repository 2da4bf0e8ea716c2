package org.trm4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The kernel classes of trm4j itself, which `trm kernels export` writes by default. Every module
 * lists its kernel classes, one per line, in the resource META-INF/trm4j/kernel-classes.
 */
final class ProjectKernels {
    static final String RESOURCE = "META-INF/trm4j/kernel-classes";

    private ProjectKernels() {}

    static List<Class<?>> classes() {
        ClassLoader loader = ProjectKernels.class.getClassLoader();
        Set<String> names = new LinkedHashSet<>();
        try {
            for (URL url : Collections.list(loader.getResources(RESOURCE))) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        List<Class<?>> out = new ArrayList<>();
        for (String n : names) {
            try {
                out.add(Class.forName(n, false, loader));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(RESOURCE + " names " + n + ", which is not on the class path");
            }
        }
        return out;
    }
}
