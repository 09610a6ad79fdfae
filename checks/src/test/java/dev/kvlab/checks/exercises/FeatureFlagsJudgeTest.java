package dev.kvlab.checks.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The judge's own FeatureManagement rules. The percentages were computed with Node's crypto by the algorithm of
 * microsoft/FeatureManagement-JavaScript's TargetingFilter (SHA-256, readUInt32LE of the first 4 bytes, / 0xFFFFFFFF
 * × 100), so the checks hold learners to the library's assignment, not to the lab's reading of it.
 */
class FeatureFlagsJudgeTest {

    @Test
    void contextPercentagesMatchFeatureManagement() {
        assertEquals(89.03814435215624, FeatureFlagsCheck.contextPercentage("ada@contoso.com\nBeta"));
        assertEquals(35.96242285239566, FeatureFlagsCheck.contextPercentage("bob@contoso.com\nBeta"));
        assertEquals(48.99007874750301, FeatureFlagsCheck.contextPercentage("ada@contoso.com\nBeta\nring1"));
        assertEquals(79.32621058526593, FeatureFlagsCheck.contextPercentage("user-1\nEnableSemanticCache"));
        assertEquals(46.075136201939344, FeatureFlagsCheck.contextPercentage("Jeff\nTargetingTestFeature"));
    }

    @Test
    void insideMeansStrictlyBelowAndTheEdgesAreNoOneAndEveryone() {
        double own = FeatureFlagsCheck.contextPercentage("bob@contoso.com\nBeta");
        assertFalse(FeatureFlagsCheck.judgeInRollout("bob@contoso.com\nBeta", own));
        assertTrue(FeatureFlagsCheck.judgeInRollout("bob@contoso.com\nBeta", Math.nextUp(own)));
        assertFalse(FeatureFlagsCheck.judgeInRollout("bob@contoso.com\nBeta", 0));
        assertTrue(FeatureFlagsCheck.judgeInRollout("ada@contoso.com\nBeta", 100));
    }

    @Test
    void targetingGoesExclusionUsersGroupsDefault() {
        Map<String, Object> audience = Map.of(
                "Users", List.of("ada@contoso.com"),
                "Groups", List.of(Map.of("Name", "ring1", "RolloutPercentage", 49)),
                "DefaultRolloutPercentage", 36,
                "Exclusion", Map.of("Users", List.of("eve@contoso.com"), "Groups", List.of("partners")));
        assertTrue(FeatureFlagsCheck.judgeTargeted(audience, "Beta", "ada@contoso.com", List.of()), "listed user");
        assertFalse(FeatureFlagsCheck.judgeTargeted(audience, "Beta", "ada@contoso.com", List.of("partners")), "excluded group");
        assertFalse(FeatureFlagsCheck.judgeTargeted(Map.of("Users", List.of("eve@contoso.com"),
                "Exclusion", Map.of("Users", List.of("eve@contoso.com"))), "Beta", "eve@contoso.com", List.of()), "excluded user");
        // bob: 35.96 in the default rollout (36: inside); ada in ring1: 48.99 (49: inside, 48: outside)
        assertTrue(FeatureFlagsCheck.judgeTargeted(audience, "Beta", "bob@contoso.com", List.of()));
        assertTrue(FeatureFlagsCheck.judgeTargeted(Map.of("Groups", List.of(Map.of("Name", "ring1", "RolloutPercentage", 49)),
                "DefaultRolloutPercentage", 0), "Beta", "ada@contoso.com", List.of("ring1")));
        assertFalse(FeatureFlagsCheck.judgeTargeted(Map.of("Groups", List.of(Map.of("Name", "ring1", "RolloutPercentage", 48)),
                "DefaultRolloutPercentage", 0), "Beta", "ada@contoso.com", List.of("ring1")));
    }
}
