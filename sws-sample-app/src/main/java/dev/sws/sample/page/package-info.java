/**
 * What the sample's page needs from the server: the trust anchors it verifies the server with.
 */
@NullMarked
package dev.sws.sample.page;

import org.jspecify.annotations.NullMarked;
