package io.perfweave.agent.sink.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestGuardTest {

    private static final int PORT = 9465;

    private static RequestGuard guard(String boundAddress, String configuredHost, Optional<String> token) {
        try {
            return new RequestGuard(new InetSocketAddress(InetAddress.getByName(boundAddress), PORT), configuredHost,
                    Set.of("build-7.example.org"), token);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RequestGuard loopback() {
        return guard("127.0.0.1", "127.0.0.1", Optional.empty());
    }

    private static Optional<Integer> status(RequestGuard guard, String host) {
        return guard.check("GET", host, null, null).map(RequestGuard.Refusal::status);
    }

    @Test
    void onLoopbackAcceptsLocalhostAndLoopbackAddressesWithTheBoundPort() {
        RequestGuard guard = loopback();

        assertThat(status(guard, "localhost:9465")).isEmpty();
        assertThat(status(guard, "LocalHost:9465")).as("host names are case-insensitive").isEmpty();
        assertThat(status(guard, "127.0.0.1:9465")).isEmpty();
        assertThat(status(guard, "[::1]:9465")).isEmpty();
    }

    @Test
    void refusesOtherNamesSoThatDnsRebindingGetsNothing() {
        RequestGuard guard = loopback();

        assertThat(status(guard, "attacker.example:9465")).as("a rebound name").contains(403);
        assertThat(status(guard, "localhost.attacker.example:9465")).contains(403);
        assertThat(status(guard, "127.0.0.1.nip.io:9465")).contains(403);
        assertThat(status(guard, "localhost.:9465")).as("a trailing dot is another name").contains(403);
        assertThat(status(guard, "10.0.0.5:9465")).as("an address that is not the bound one").contains(403);
        assertThat(status(guard, "0177.0.0.1:9465")).as("no octal address that might reach DNS").contains(403);
    }

    @Test
    void refusesAnotherPortAMissingPortAndAMissingHost() {
        RequestGuard guard = loopback();

        assertThat(status(guard, "localhost:9466")).contains(403);
        assertThat(status(guard, "localhost")).as("no port means 80").contains(403);
        assertThat(status(guard, "localhost:")).contains(403);
        assertThat(status(guard, "localhost:http")).contains(403);
        assertThat(status(guard, null)).contains(403);
        assertThat(guard.check("GET", "evil.example:9465", null, null)).get()
                .satisfies(r -> assertThat(r.reason()).contains("Host header", "localhost:9465"));
    }

    @Test
    void onPort80TheHostMayOmitThePort() {
        RequestGuard guard = new RequestGuard(new InetSocketAddress(InetAddress.getLoopbackAddress(), 80), "127.0.0.1",
                Set.of(), Optional.empty());

        assertThat(guard.check("GET", "localhost", null, null)).isEmpty();
        assertThat(guard.check("GET", "localhost:80", null, null)).isEmpty();
    }

    @Test
    void onASpecificAddressAcceptsThatAddressAndTheConfiguredName() {
        RequestGuard byAddress = guard("192.168.7.20", "192.168.7.20", Optional.empty());
        assertThat(status(byAddress, "192.168.7.20:9465")).isEmpty();
        assertThat(status(byAddress, "localhost:9465")).as("not listening on loopback").contains(403);
        assertThat(status(byAddress, "192.168.7.21:9465")).contains(403);

        RequestGuard byName = guard("192.168.7.20", "perf-box.lan", Optional.empty());
        assertThat(status(byName, "perf-box.lan:9465")).isEmpty();
        assertThat(status(byName, "192.168.7.20:9465")).isEmpty();
        assertThat(status(byName, "build-7.example.org:9465")).as("machine names only on every interface").contains(403);
    }

    @Test
    void onEveryInterfaceAcceptsAnyAddressLocalhostAndTheMachinesNames() {
        RequestGuard guard = guard("0.0.0.0", "0.0.0.0", Optional.empty());

        assertThat(status(guard, "10.1.2.3:9465")).isEmpty();
        assertThat(status(guard, "[fe80::1]:9465")).isEmpty();
        assertThat(status(guard, "localhost:9465")).isEmpty();
        assertThat(status(guard, "build-7.example.org:9465")).isEmpty();
        assertThat(status(guard, "attacker.example:9465")).contains(403);
    }

    @Test
    void onIpv6LoopbackAcceptsTheBracketedAddressInAnySpelling() {
        RequestGuard guard = guard("::1", "::1", Optional.empty());

        assertThat(status(guard, "[::1]:9465")).isEmpty();
        assertThat(status(guard, "[0:0:0:0:0:0:0:1]:9465")).isEmpty();
        assertThat(status(guard, "localhost:9465")).isEmpty();
        assertThat(status(guard, "[::2]:9465")).contains(403);
    }

    @Test
    void withATokenEveryRequestMustCarryItInTheHeaderOrTheQuery() {
        RequestGuard guard = guard("127.0.0.1", "127.0.0.1", Optional.of("s3cret-T0ken"));

        assertThat(guard.check("GET", "localhost:9465", null, null)).get().extracting(RequestGuard.Refusal::status).isEqualTo(401);
        assertThat(guard.check("GET", "localhost:9465", "Bearer s3cret-T0ken", null)).isEmpty();
        assertThat(guard.check("GET", "localhost:9465", "bearer s3cret-T0ken", null)).as("scheme is case-insensitive").isEmpty();
        assertThat(guard.check("GET", "localhost:9465", null, "token=s3cret-T0ken")).isEmpty();
        assertThat(guard.check("GET", "localhost:9465", null, "probe=x&token=s3cret-T0ken")).isEmpty();
        assertThat(guard.check("GET", "localhost:9465", "Bearer s3cret-T0kem", null)).get()
                .extracting(RequestGuard.Refusal::status).isEqualTo(401);
        assertThat(guard.check("GET", "localhost:9465", "Basic czNjcmV0LVQwa2Vu", null)).isPresent();
        assertThat(guard.check("GET", "localhost:9465", null, "token=s3cret")).isPresent();
        assertThat(guard.check("GET", "localhost:9465", null, "token=%zz")).as("malformed escape").isPresent();
        assertThat(guard.check("GET", "localhost:9465", null, "xtoken=s3cret-T0ken")).isPresent();
    }

    @Test
    void withoutATokenNoneIsAskedFor() {
        assertThat(loopback().check("GET", "localhost:9465", null, null)).isEmpty();
    }

    @Test
    void onlyGetIsAnswered() {
        RequestGuard guard = loopback();

        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"}) {
            assertThat(guard.check(method, "localhost:9465", null, null)).as(method).get()
                    .extracting(RequestGuard.Refusal::status).isEqualTo(405);
        }
    }

    @Test
    void theHostIsCheckedBeforeTheTokenAndTheTokenBeforeTheMethod() {
        RequestGuard guard = guard("127.0.0.1", "127.0.0.1", Optional.of("t"));

        assertThat(guard.check("POST", "attacker.example:9465", null, null)).get()
                .extracting(RequestGuard.Refusal::status).isEqualTo(403);
        assertThat(guard.check("POST", "localhost:9465", null, null)).get()
                .extracting(RequestGuard.Refusal::status).isEqualTo(401);
        assertThat(guard.check("POST", "localhost:9465", "Bearer t", null)).get()
                .extracting(RequestGuard.Refusal::status).isEqualTo(405);
    }

    @Test
    void recognisesAddressLiteralsWithoutAskingDns() {
        assertThat(RequestGuard.literalAddress("127.0.0.1")).isPresent();
        assertThat(RequestGuard.literalAddress("[::1]")).isPresent();
        assertThat(RequestGuard.literalAddress("256.0.0.1")).isEmpty();
        assertThat(RequestGuard.literalAddress("localhost")).isEmpty();
        assertThat(RequestGuard.literalAddress("[:::zz]")).isEmpty();
    }
}
