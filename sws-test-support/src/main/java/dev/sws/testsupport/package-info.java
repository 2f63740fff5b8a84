/**
 * Fixtures the modules' tests share. Test scope only.
 */
@NullMarked
package dev.sws.testsupport;

import org.jspecify.annotations.NullMarked;
