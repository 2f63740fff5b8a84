/**
 * Auto-configuration of SWS for reactive (WebFlux) applications: the reactive server from
 * {@code sws.server.*} and the reactive client from {@code sws.client.*}.
 */
@NullMarked
package dev.sws.autoconfigure.reactive;

import org.jspecify.annotations.NullMarked;
