/**
 * Small data structures of the packet path that the JDK has only in boxed form. The node's JIT stops at C1, which
 * does not remove the boxes and iterators a {@code Map<Long, V>} lookup allocates, so on the packet path they are
 * garbage per packet. Leaf package: depends on nothing else in the engine.
 */
package io.webfon.rtp.util;
