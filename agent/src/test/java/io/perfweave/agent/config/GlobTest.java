package io.perfweave.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void withoutAWildcardOnlyTheSameTextMatches() {
        Glob glob = Glob.of("com.acme.A");

        assertThat(glob.hasWildcard()).isFalse();
        assertThat(glob.matches("com.acme.A")).isTrue();
        assertThat(glob.matches("com.acme.AB")).isFalse();
        assertThat(glob.matches("com_acme_A")).isFalse();
    }

    @Test
    void aStarMatchesAnyRunOfCharactersIncludingNone() {
        Glob glob = Glob.of("com.*.A*");

        assertThat(glob.hasWildcard()).isTrue();
        assertThat(glob.matches("com..A")).isTrue();
        assertThat(glob.matches("com.acme.A")).isTrue();
        assertThat(glob.matches("com.acme.deep.A$Inner")).isTrue();
        assertThat(glob.matches("org.acme.A")).isFalse();
        assertThat(glob.matches("com.acme.B")).isFalse();
    }

    @Test
    void regularExpressionCharactersAreLiteral() {
        Glob glob = Glob.of("a.b$c[]*");

        assertThat(glob.matches("a.b$c[]")).isTrue();
        assertThat(glob.matches("a.b$c[]x")).isTrue();
        assertThat(glob.matches("aXb$c[]")).isFalse();
        assertThat(glob.matches("a.b$c")).isFalse();
    }
}
