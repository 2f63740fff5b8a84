/**
 * The benchmarks: end-to-end echo through real servers and clients, JMH micro-benchmarks of the
 * protocol's costs, and the measurements the performance documentation quotes.
 */
@NullMarked
package dev.sws.bench;

import org.jspecify.annotations.NullMarked;
