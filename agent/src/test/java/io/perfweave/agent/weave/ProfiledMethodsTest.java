package io.perfweave.agent.weave;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.config.Glob;
import io.perfweave.agent.config.ProbeSpec;
import io.perfweave.api.Profiled;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

/** Which {@code @Profiled} methods become probes, and under which names. */
class ProfiledMethodsTest {

    /** Annotated the ways an application might. */
    static class Shop {

        @Profiled("checkout")
        void checkout() {
        }

        @Profiled
        void restock() {
        }

        @Profiled("check out")
        void spaced() {
        }

        @Profiled("checkout,fast")
        void comma() {
        }

        @Profiled("shop.pay")
        void dotted() {
        }
    }

    @Test
    void namesThatAreNotValidProbeNamesAreLeftUnprobedWithAWarningNamingTheMethod() {
        ProbeTable table = new ProbeTable(List.of());
        ProfiledMethods profiled = new ProfiledMethods(Glob.of("*"), table);
        TypeDescription shop = TypeDescription.ForLoadedType.of(Shop.class);

        String logged = logged(() -> profiled.weave(new ByteBuddy().redefine(Shop.class), shop));

        assertThat(table.probesFrom(0)).extracting(ProbeSpec::name)
                .containsExactlyInAnyOrder("checkout", "Shop.restock");
        String shopClass = Shop.class.getName();
        assertThat(logged).contains(
                "@Profiled(\"check out\") on " + shopClass + "#spaced(): not a valid probe name"
                        + " (use letters, digits, '_' and '-'); the method runs unprobed",
                "@Profiled(\"checkout,fast\") on " + shopClass + "#comma(): not a valid probe name",
                "@Profiled(\"shop.pay\") on " + shopClass + "#dotted(): not a valid probe name");
        assertThat(logged).doesNotContain("#checkout()", "#restock()");
    }

    private static String logged(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(UTF_8);
    }
}
