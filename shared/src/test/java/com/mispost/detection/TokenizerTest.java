package com.mispost.detection;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenizerTest {

    @Test
    void keepsDisguisesInsideWordsAndKnowsMentionsLinksAndHashtags() {
        List<Token> tokens = Tokenizer.tokens("@user sh!t, f*** this! https://t.co/x #FridayFeeling");

        assertThat(tokens).extracting(Token::kind).containsExactly(Token.Kind.MENTION, Token.Kind.WORD, Token.Kind.WORD,
                Token.Kind.WORD, Token.Kind.URL, Token.Kind.HASHTAG, Token.Kind.HASHTAG_PART, Token.Kind.HASHTAG_PART);
        assertThat(tokens).extracting(Token::key).containsSubsequence("sh!t", "f***", "this", "fridayfeeling", "friday", "feeling");
    }

    @Test
    void readsCodePointsAndSpansTheCharactersAsPosted() {
        String text = "ok \uD835\uDC1F\uD835\uDC2E\uD835\uDC1C\uD835\uDC24 then fu\u00A0ck and New\u00A0York";
        List<Token> tokens = Tokenizer.tokens(text);
        assertThat(tokens).extracting(Token::key).containsExactly("ok", "fuck", "then", "fuck", "and", "new", "york");
        assertThat(tokens.get(1)).extracting(Token::start, Token::end).containsExactly(3, 11);
        assertThat(text.substring(tokens.get(3).start(), tokens.get(3).end())).isEqualTo("fu\u00A0ck");
    }

    @Test
    void splitsCamelCaseHashtags() {
        assertThat(Tokenizer.camelParts("FridayFeeling2")).containsExactly("Friday", "Feeling", "2");
        assertThat(Tokenizer.camelParts("WTF")).containsExactly("WTF");
        assertThat(Tokenizer.camelParts("NASALaunch")).containsExactly("NASA", "Launch");
        assertThat(Tokenizer.camelParts("stay_home")).containsExactly("stay", "home");
    }

    @Test
    void collapsesStretchedLettersAndReadsLeetspeak() {
        assertThat(Tokenizer.collapse("fuuuuck", 1)).isEqualTo("fuck");
        assertThat(Tokenizer.collapse("goooood", 2)).isEqualTo("good");
        assertThat(Tokenizer.collapse("coffee", 1)).isEqualTo("coffee");
        assertThat(Tokenizer.unLeet("b1tch")).isEqualTo("bitch");
        assertThat(Tokenizer.unLeet("a$$")).isEqualTo("ass");
        assertThat(Tokenizer.isStretched("soooo")).isTrue();
        assertThat(Tokenizer.isStretched("www")).isTrue();
        assertThat(Tokenizer.isStretched("coffee")).isFalse();
    }
}
