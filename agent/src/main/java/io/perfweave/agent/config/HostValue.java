package io.perfweave.agent.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a host to listen on: an IPv4 or IPv6 address, or a host name. Only the syntax is checked
 * here; the name is resolved when the endpoint starts, so that loading the configuration never
 * waits for DNS.
 */
final class HostValue {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+(%[A-Za-z0-9_.-]+)?");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern NUMERIC = Pattern.compile("[0-9.]+");

    private HostValue() {
    }

    /**
     * @return the host, without the brackets of an IPv6 literal
     * @throws IllegalArgumentException saying what is wrong
     */
    static String parse(String text) {
        return parse(text, "prometheus.port");
    }

    /** The same, naming {@code portKey} when the host wrongly carries a port. */
    static String parse(String text, String portKey) {
        String host = text.strip();
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no host given: use an address such as 127.0.0.1 (loopback only)"
                    + " or 0.0.0.0 (every interface)");
        }
        if (host.equals("*")) {
            throw new IllegalArgumentException("'*' is not a host: use 0.0.0.0 to listen on every interface");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.indexOf(':') >= 0) {
            if (IPV6.matcher(host).matches() && host.indexOf(':') != host.lastIndexOf(':')) {
                return host.toLowerCase(Locale.ROOT);
            }
            throw new IllegalArgumentException("'" + text + "' is not a host name or IP address"
                    + " (set the port with " + portKey + ", not in the host)");
        }
        if (NUMERIC.matcher(host).matches()) {
            var m = IPV4.matcher(host);
            if (m.matches() && octet(m.group(1)) && octet(m.group(2)) && octet(m.group(3)) && octet(m.group(4))) {
                return host;
            }
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address: expected four numbers from 0 to 255,"
                    + " such as 127.0.0.1");
        }
        if (host.length() > 253) {
            throw new IllegalArgumentException("'" + text + "' is too long for a host name");
        }
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a host name or IP address: a host name is"
                        + " made of letters, digits and '-', in parts separated by '.'");
            }
        }
        return host;
    }

    private static boolean octet(String digits) {
        return Integer.parseInt(digits) <= 255;
    }
}
