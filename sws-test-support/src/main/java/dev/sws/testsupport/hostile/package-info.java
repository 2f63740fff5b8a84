/**
 * A hostile peer at the WebSocket-frame level, and the attacks the suites replay with it. Test
 * scope only.
 */
@NullMarked
package dev.sws.testsupport.hostile;

import org.jspecify.annotations.NullMarked;
