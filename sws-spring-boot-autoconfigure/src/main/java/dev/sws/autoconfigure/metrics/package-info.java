/**
 * Micrometer metrics of the SWS server and client.
 */
@NullMarked
package dev.sws.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
