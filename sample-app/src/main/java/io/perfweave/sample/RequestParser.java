package io.perfweave.sample;

/**
 * Turns the raw {@code key=value;key=value} request text into an {@link OrderRequest}.
 *
 * <p>Written the straightforward way (split, substring, one object per field) because that is
 * what typical parsing code looks like: cheap per call but allocating, so in a profile it
 * shows up by call count and allocation rather than by CPU time per call.
 */
public class RequestParser {

    public OrderRequest parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new MalformedRequestException("empty request");
        }
        String customer = null;
        String sku = null;
        String country = null;
        String coupon = null;
        int quantity = 0;
        for (String field : raw.split(";")) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw new MalformedRequestException("expected key=value but got '" + field + "' in: " + raw);
            }
            String key = field.substring(0, eq).trim();
            String value = field.substring(eq + 1).trim();
            switch (key) {
                case "customer" -> customer = value;
                case "sku" -> sku = value;
                case "qty" -> quantity = parseQuantity(value, raw);
                case "country" -> country = value;
                case "coupon" -> coupon = value.isEmpty() ? null : value;
                default -> {
                    // Unknown keys are ignored so that newer clients can add fields without
                    // breaking this service.
                }
            }
        }
        require("customer", customer, raw);
        require("sku", sku, raw);
        require("country", country, raw);
        if (country.length() != 2) {
            throw new MalformedRequestException("country must be a two-letter code, got '" + country + "'");
        }
        if (quantity == 0) {
            throw new MalformedRequestException("missing field 'qty' in: " + raw);
        }
        return new OrderRequest(customer, sku, quantity, country, coupon);
    }

    private static int parseQuantity(String value, String raw) {
        int quantity;
        try {
            quantity = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new MalformedRequestException("qty is not a number: '" + value + "' in: " + raw);
        }
        if (quantity < 1) {
            throw new MalformedRequestException("qty must be at least 1, got " + quantity);
        }
        return quantity;
    }

    private static void require(String key, String value, String raw) {
        if (value == null || value.isEmpty()) {
            throw new MalformedRequestException("missing field '" + key + "' in: " + raw);
        }
    }
}
