/**
 * The health of the SWS server: its certificate's expiry.
 */
@NullMarked
package dev.sws.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
