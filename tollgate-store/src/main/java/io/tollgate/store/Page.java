package io.tollgate.store;

/** A page of a list: 1-based page number and page size. */
public record Page(int number, int size) {
    public static final int MAX_SIZE = 500;
    public static final Page ALL = new Page(1, Integer.MAX_VALUE);

    public Page {
        if (number < 1) {
            throw new IllegalArgumentException("number: " + number + " (expected: >= 1)");
        }
        if (size < 1) {
            throw new IllegalArgumentException("size: " + size + " (expected: >= 1)");
        }
    }

    public long offset() {
        return (long) (number - 1) * size;
    }

    public int limit() {
        return size;
    }
}
