/** trm4j's bridge: TornadoVM's public API names implemented over trm4j (not TornadoVM itself). */
package uk.ac.manchester.tornado.api;
