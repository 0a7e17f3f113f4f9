package io.perfweave.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PricingEngineTest {

    private static List<OrderRequest> requests(int count) {
        RequestParser parser = new RequestParser();
        RequestGenerator generator = new RequestGenerator(3);
        List<OrderRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(parser.parse(generator.next()));
        }
        return requests;
    }

    @Test
    void regressionDoesAboutFortyPercentMoreWorkForIdenticalQuotes() {
        PricingEngine normal = new PricingEngine(false);
        PricingEngine regressed = new PricingEngine(true);

        for (OrderRequest request : requests(500)) {
            assertEquals(normal.price(request), regressed.price(request));
        }

        assertFalse(normal.isRegressed());
        assertTrue(regressed.isRegressed());
        double ratio = regressed.ruleEvaluations() / (double) normal.ruleEvaluations();
        assertTrue(ratio > 1.3 && ratio < 1.5, "work ratio " + ratio);
    }

    @Test
    void workPerCallIsFixed() {
        PricingEngine engine = new PricingEngine();
        int calls = 50;
        for (OrderRequest request : requests(calls)) {
            engine.price(request);
        }
        assertEquals((long) calls * PricingEngine.DISCOUNT_RULE_COUNT, engine.ruleEvaluations());
    }

    @Test
    void quotesAddUp() {
        PricingEngine engine = new PricingEngine();
        for (OrderRequest request : requests(200)) {
            Quote quote = engine.price(request);
            long gross = quote.unitPriceCents() * quote.quantity();

            assertEquals(request.sku(), quote.sku());
            assertTrue(quote.unitPriceCents() > 0);
            assertTrue(quote.discountCents() >= 0 && quote.discountCents() <= gross * 0.3 + 1, quote::toString);
            assertTrue(quote.taxCents() > 0, quote::toString);
            assertEquals(gross - quote.discountCents() + quote.taxCents(), quote.totalCents());
        }
    }

    @Test
    void couponsIncreaseTheDiscount() {
        PricingEngine engine = new PricingEngine();
        Quote plain = engine.price(new OrderRequest("c1", "SKU-0100", 2, "DE", null));
        Quote withCoupon = engine.price(new OrderRequest("c1", "SKU-0100", 2, "DE", "SPRING10"));

        assertTrue(withCoupon.discountCents() > plain.discountCents());
    }
}
