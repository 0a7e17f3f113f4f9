package io.perfweave.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestGeneratorTest {

    private static List<String> generate(long seed, int count) {
        RequestGenerator generator = new RequestGenerator(seed);
        List<String> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(generator.next());
        }
        return requests;
    }

    @Test
    void sameSeedGivesSameRequests() {
        assertEquals(generate(42, 1000), generate(42, 1000));
        assertNotEquals(generate(42, 1000), generate(43, 1000));
    }

    @Test
    void everyGeneratedRequestParses() {
        RequestParser parser = new RequestParser();
        for (String raw : generate(1, 5000)) {
            assertTrue(raw.matches("customer=c\\d+;sku=SKU-\\d{4};qty=\\d+;country=[A-Z]{2}(;coupon=\\w+)?"), raw);
            parser.parse(raw);
        }
    }
}
