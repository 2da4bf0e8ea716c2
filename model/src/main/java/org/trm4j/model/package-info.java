/** TRM configs and presets, parameters and their initialisation, the step graph, checkpoints. */
package org.trm4j.model;
