package io.perfweave.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestParserTest {

    private final RequestParser parser = new RequestParser();

    @Test
    void parsesTheDocumentedFormat() {
        OrderRequest request = parser.parse("customer=c17;sku=SKU-0042;qty=3;country=DE");

        assertEquals(new OrderRequest("c17", "SKU-0042", 3, "DE", null), request);
        assertFalse(request.hasCoupon());
    }

    @Test
    void parsesOptionalCouponAndIgnoresUnknownKeys() {
        OrderRequest request = parser.parse("country=FR;qty=1;coupon=VIP15;sku=SKU-0001;channel=web;customer=c2");

        assertEquals("VIP15", request.coupon());
        assertTrue(request.hasCoupon());
        assertEquals("c2", request.customer());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "customer=c1;sku=SKU-0001;qty=1",
            "customer=c1;sku=SKU-0001;qty=zero;country=DE",
            "customer=c1;sku=SKU-0001;qty=0;country=DE",
            "customer=c1;sku=SKU-0001;qty=2;country=DEU",
            "customer=c1;sku=SKU-0001;country=DE",
            "customer=c1;garbage;qty=1;country=DE",
    })
    void rejectsMalformedRequests(String raw) {
        assertThrows(MalformedRequestException.class, () -> parser.parse(raw));
    }
}
