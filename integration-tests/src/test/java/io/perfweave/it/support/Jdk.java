package io.perfweave.it.support;

import java.nio.file.Path;

/** A JDK that child JVMs can be started with. */
public record Jdk(int feature, Path home) {

    public Path java() {
        return home.resolve("bin").resolve("java");
    }

    @Override
    public String toString() {
        return "JDK " + feature;
    }
}
