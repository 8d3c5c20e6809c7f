package com.mispost.apology;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.detection.Severity;
import com.mispost.post.Platform;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Drafts are stored as JSON; findings and notes must come back exactly as they went in. */
class ApologyDraftJsonTest {

    @Test
    void aDraftWithFindingsSurvivesAJsonRoundTrip() throws Exception {
        ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        DraftRequest request = DraftRequest.of(Platform.X, Severity.CRITICAL, "Northwind");
        ApologyDesk desk = new ApologyDesk();
        List<ApologyDraft> drafts = desk.draft(request);
        ApologyDraft edited = desk.edit(request, drafts.get(0), "Sorry if anyone was offended #oops");
        for (ApologyDraft d : List.of(drafts.get(3), edited)) {
            ApologyDraft back = json.readValue(json.writeValueAsString(d), ApologyDraft.class);
            assertThat(back).isEqualTo(d);
        }
        assertThat(edited.lint()).isNotEmpty();
        assertThat(json.writeValueAsString(edited)).contains("\"rule\":\"MINIMIZING\"").doesNotContain("\"passes\"");
    }
}
