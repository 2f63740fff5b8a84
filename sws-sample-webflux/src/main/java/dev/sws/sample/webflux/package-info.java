/**
 * The reactive sample: an echo handler over SWS on WebFlux.
 */
@NullMarked
package dev.sws.sample.webflux;

import org.jspecify.annotations.NullMarked;
