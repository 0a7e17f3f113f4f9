package io.perfweave.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FraudScorerTest {

    @Test
    void aboutOneCallInFiftyNeedsTheSlowRemoteLookup() {
        FraudScorer scorer = new FraudScorer();
        RequestParser parser = new RequestParser();
        RequestGenerator generator = new RequestGenerator(42);
        int calls = 20_000;
        int slow = 0;
        for (int i = 0; i < calls; i++) {
            if (scorer.requiresRemoteLookup(parser.parse(generator.next()))) {
                slow++;
            }
        }

        double rate = slow / (double) calls;
        assertTrue(rate > 0.01 && rate < 0.03, "slow rate " + rate);
    }

    @Test
    void scoresAreInRangeAndRemoteLookupsAreCounted() {
        FraudScorer scorer = new FraudScorer();
        RequestParser parser = new RequestParser();
        RequestGenerator generator = new RequestGenerator(5);
        long expectedLookups = 0;
        for (int i = 0; i < 300; i++) {
            OrderRequest request = parser.parse(generator.next());
            if (scorer.requiresRemoteLookup(request)) {
                expectedLookups++;
            }
            int score = scorer.score(request);
            assertTrue(score >= 0 && score < 100, "score " + score);
        }
        assertEquals(expectedLookups, scorer.remoteLookups());
    }

    @Test
    void sameRequestGetsSameScore() {
        FraudScorer scorer = new FraudScorer();
        OrderRequest request = new OrderRequest("c17", "SKU-0042", 3, "DE", null);
        assertEquals(scorer.score(request), scorer.score(request));
    }
}
