package io.perfweave.agent.weave;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfweave.agent.LoggedOutput;
import io.perfweave.agent.config.Glob;
import io.perfweave.agent.config.ProbeSpec;
import io.perfweave.api.Profiled;
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

        String logged = LoggedOutput.of(() -> profiled.weave(new ByteBuddy().redefine(Shop.class), shop));

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

    /** Two methods sharing one probe name. */
    static class Till {

        @Profiled("checkout")
        void checkout() {
        }

        @Profiled("checkout")
        void checkoutExpress(int items) {
        }
    }

    @Test
    void aProbeKeepsTheMethodWhoseAnnotationCreatedItAsItsDeclaringMethod() {
        ProbeTable table = new ProbeTable(List.of());
        ProfiledMethods profiled = new ProfiledMethods(Glob.of("*"), table);

        profiled.weave(new ByteBuddy().redefine(Shop.class), TypeDescription.ForLoadedType.of(Shop.class));
        profiled.weave(new ByteBuddy().redefine(Till.class), TypeDescription.ForLoadedType.of(Till.class));

        ProbeSpec checkout = table.probesFrom(0).stream().filter(p -> p.name().equals("checkout")).findFirst().orElseThrow();
        assertThat(table.methods(checkout.id())).hasSize(3);
        assertThat(table.declaringMethod(checkout.id())).isEqualTo(Shop.class.getName() + "#checkout()");
        ProbeSpec restock = table.probesFrom(0).stream().filter(p -> p.name().equals("Shop.restock")).findFirst().orElseThrow();
        assertThat(table.declaringMethod(restock.id())).isEqualTo(Shop.class.getName() + "#restock()");
    }

    @Test
    void aConfiguredProbeHasNoDeclaringMethodEvenWhenAnAnnotationJoinsIt() {
        ProbeTable table = new ProbeTable(List.of(new ProbeSpec(0, "checkout",
                io.perfweave.agent.config.MethodPattern.parse("com.acme.Checkout#process"), false)));
        new ProfiledMethods(Glob.of("*"), table).weave(new ByteBuddy().redefine(Till.class),
                TypeDescription.ForLoadedType.of(Till.class));

        assertThat(table.methods(0)).hasSize(2);
        assertThat(table.declaringMethod(0)).isNull();
    }

}
