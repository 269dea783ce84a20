package org.tongjie.platform.rest;

import java.util.List;
import java.util.function.Function;

/** One page of a list; lists are never unbounded. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 200;
    public static final String DEFAULT_SIZE = "50";

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
