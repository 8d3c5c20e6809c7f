package com.mispost.detection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConventionsTest {

    @Test
    void agentsOfOneTeamShareAShapeWhateverTheirInitialsOrNames() {
        assertThat(Conventions.of("@user We're on it. ^JS")).containsExactly("head:Aa'a", "tail:^A");
        assertThat(Conventions.of("@user We're on it. ^MK")[1]).isEqualTo("tail:^A");
        assertThat(Conventions.of("@user We're on it - Sarah")[1]).isEqualTo(Conventions.of("@user Done - Priya")[1]).isEqualTo("tail:- Aa");
        assertThat(Conventions.of("Our results are out (2/3) https://example.com/r")[1]).isEqualTo("tail:(9/9)");
        assertThat(Conventions.of("Q: where do I find my order?")[0]).isEqualTo("head:A:");
    }

    @Test
    void aPostWithoutWordsHasNoShapes() {
        assertThat(Conventions.of("   ")).isEmpty();
        assertThat(Conventions.of("@user https://example.com/x")).isEmpty();
    }
}
