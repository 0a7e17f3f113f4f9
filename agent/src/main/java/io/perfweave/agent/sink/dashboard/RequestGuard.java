package io.perfweave.agent.sink.dashboard;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether the dashboard answers a request, before anything else looks at it.
 *
 * <ol>
 *   <li><b>Host</b> (403 otherwise): a web page the user visits can make the browser send requests to
 *       a loopback port under a name of the attacker's that resolves to 127.0.0.1 (DNS rebinding);
 *       the browser then sends that name as {@code Host}. So the {@code Host} header must name the
 *       bound port and a host this server is known by: on loopback, {@code localhost} or a loopback
 *       address; on a specific address, that address or the configured {@code dashboard.host}; on
 *       every interface ({@code 0.0.0.0}), any IP address, {@code localhost} or the machine's own
 *       name. An IP address is always safe to accept where it is accepted: rebinding needs a name.</li>
 *   <li><b>Token</b> (401 otherwise): with {@code dashboard.token}, the request carries it as
 *       {@code Authorization: Bearer <token>} or as the query parameter {@code token}.</li>
 *   <li><b>Method</b> (405 otherwise): only {@code GET}; nothing the dashboard serves changes anything.</li>
 * </ol>
 */
final class RequestGuard {

    /** A refusal: the status and a one-line reason for the body. */
    record Refusal(int status, String reason) {
    }

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+(%[A-Za-z0-9_.-]+)?");

    private final int port;
    private final InetAddress address;
    private final boolean anyAddress;
    private final Set<String> names;
    private final Optional<byte[]> token;

    /**
     * @param bound          the address the server listens on (with the port actually bound)
     * @param configuredHost {@code dashboard.host} as configured, a name or an address
     * @param machineNames   the machine's own host names, accepted when listening on every interface
     * @param token          {@code dashboard.token}, if set
     */
    RequestGuard(InetSocketAddress bound, String configuredHost, Set<String> machineNames, Optional<String> token) {
        this.port = bound.getPort();
        this.address = bound.getAddress();
        this.anyAddress = address.isAnyLocalAddress();
        Set<String> known = new HashSet<>();
        if (literalAddress(configuredHost).isEmpty()) {
            known.add(configuredHost.toLowerCase(Locale.ROOT));
        }
        if (address.isLoopbackAddress() || anyAddress) {
            known.add("localhost");
        }
        if (anyAddress) {
            machineNames.forEach(name -> known.add(name.toLowerCase(Locale.ROOT)));
        }
        this.names = Set.copyOf(known);
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param host          the {@code Host} header, or {@code null} when there is none
     * @param authorization the {@code Authorization} header, or {@code null}
     * @param rawQuery      the URI's query, still encoded, or {@code null}
     * @return why the request is refused, or empty when it may be answered
     */
    Optional<Refusal> check(String method, String host, String authorization, String rawQuery) {
        if (host == null || !hostAccepted(host.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of(new Refusal(403, "refused: the Host header must name this dashboard's address and port"
                    + " (such as localhost:" + port + "); see docs/dashboard.md#security"));
        }
        if (token.isPresent() && !tokenPresented(authorization, rawQuery)) {
            return Optional.of(new Refusal(401, "this dashboard needs its token (dashboard.token): open it as /?token=<token>"
                    + " or send Authorization: Bearer <token>"));
        }
        if (!method.equals("GET")) {
            return Optional.of(new Refusal(405, "only GET: the dashboard changes nothing"));
        }
        return Optional.empty();
    }

    private boolean hostAccepted(String host) {
        String name = host;
        int requestedPort = 80;
        int colon = host.lastIndexOf(':');
        if (colon > host.lastIndexOf(']')) {
            name = host.substring(0, colon);
            try {
                requestedPort = Integer.parseInt(host.substring(colon + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (requestedPort != port) {
            return false;
        }
        Optional<InetAddress> literal = literalAddress(name);
        if (literal.isPresent()) {
            InetAddress requested = literal.get();
            return anyAddress || requested.equals(address) || (address.isLoopbackAddress() && requested.isLoopbackAddress());
        }
        return names.contains(name);
    }

    /**
     * The address an IPv4 literal or a bracketed (or bare) IPv6 literal stands for; empty for a name.
     * Never asks DNS: only text that is an address literal reaches {@link InetAddress#getByName}.
     */
    static Optional<InetAddress> literalAddress(String text) {
        String host = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = IPV4.matcher(host).matches();
        boolean v6 = host.indexOf(':') >= 0 && IPV6.matcher(host).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(v6 ? "[" + host + "]" : host));
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }

    private boolean tokenPresented(String authorization, String rawQuery) {
        if (authorization != null) {
            String value = authorization.strip();
            if (value.regionMatches(true, 0, "Bearer ", 0, 7) && matches(value.substring(7).strip())) {
                return true;
            }
        }
        if (rawQuery != null) {
            for (String parameter : rawQuery.split("&")) {
                if (parameter.startsWith("token=") && matches(decoded(parameter.substring(6)))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String decoded(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }

    /** Compares in time independent of where the first difference is, so the token cannot be guessed byte by byte. */
    private boolean matches(String presented) {
        return MessageDigest.isEqual(token.get(), presented.getBytes(StandardCharsets.UTF_8));
    }
}
