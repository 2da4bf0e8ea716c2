package org.trm4j.conformance;

import org.trm4j.api.Tasks;
import org.trm4j.api.Tasks.TaskFunction;
import org.trm4j.api.TaskGraph;

/** Adds a task of any arity to a graph from an untyped argument list (the case already matched kernel and arguments). */
final class TaskLauncher {
    private TaskLauncher() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    static TaskGraph addTask(TaskGraph g, String id, TaskFunction f, Object[] a) {
        return switch (a.length) {
            case 1 -> g.task(id, (Tasks.Task1) f, a[0]);
            case 2 -> g.task(id, (Tasks.Task2) f, a[0], a[1]);
            case 3 -> g.task(id, (Tasks.Task3) f, a[0], a[1], a[2]);
            case 4 -> g.task(id, (Tasks.Task4) f, a[0], a[1], a[2], a[3]);
            case 5 -> g.task(id, (Tasks.Task5) f, a[0], a[1], a[2], a[3], a[4]);
            case 6 -> g.task(id, (Tasks.Task6) f, a[0], a[1], a[2], a[3], a[4], a[5]);
            case 7 -> g.task(id, (Tasks.Task7) f, a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
            default -> throw new IllegalArgumentException("conformance tasks take 1 to 7 arguments, got " + a.length);
        };
    }
}
