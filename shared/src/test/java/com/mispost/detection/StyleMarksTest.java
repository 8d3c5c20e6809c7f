package com.mispost.detection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class StyleMarksTest {

    private static boolean has(String text, Style style) {
        return style.in(Reading.of(text, Lexicon.shipped()).styles);
    }

    @ParameterizedTest(name = "{0} in \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "FIRST_SINGULAR   | I think I left it on the train",
            "FIRST_POSSESSIVE | left my phone on the train again",
            "NARRATIVE        | I ordered it twice and I was charged both times",
            "FIRST_PLURAL     | We'll look into it for you",
            "SECOND_PERSON    | Could you send the order number?",
            "ADDRESSED        | @user Thanks for waiting",
            "LINK             | Details here https://example.com/x",
            "SIGNOFF          | @user We're on it. ^JS",
            "SIGNOFF          | @user We're on it. -Dana https://example.com/x",
            "SIGNOFF          | @user We're on it. Dana 2/2",
            "GREETING         | Hi there, thanks for the note",
            "NAMES_SOMEONE    | @user Thanks, Chris! We'll check.",
            "POLISHED_END     | @user We've refunded the order. ^JS",
            "SHORT            | so done with today",
            "SUPPORT_PHRASE   | Sorry to hear that, please DM us",
            "COMPLAINT        | been waiting for weeks, worst customer service",
            "INFORMAL         | lol same",
            "INFORMAL         | hahaha no way",
            "EMOJI            | finally friday 🎉",
            "NEGATIVE_EMOTION | this is awful and I hate it",
            "INTENSE_EMOTION  | best day ever, I love it",
            "PERSONAL_LIFE    | my boss wants the report tonight",
            "CARELESS         | dont know what to do",
            "CARELESS         | @user why is the app down",
            "TAGS_SEVERAL     | @user @user look at this",
            "HASHTAGS         | ready #weekend #vibes",
            "SHOUTING         | WHERE is my parcel",
            "SHOUTING         | seriously?!",
            "STRETCHED        | nooooo not again",
            "SIGNOFF          | @user We've sent the form again. 2/2 ^Marisol",
            "CUSTOMER_SIDE    | @user how do I move the booking to friday?",
            "CUSTOMER_SIDE    | @user where is my replacement card",
            "CUSTOMER_SIDE    | @user still no reply to the email I sent",
            "CUSTOMER_SIDE    | @user thanks for the quick response, will try that",
            "CUSTOMER_SIDE    | @user the app won't let me pay with my saved card",
            "CUSTOMER_SIDE    | @user Ok, thank you!",
            "COMPLAINT        | @user been waiting for three weeks on a refund",
            "COMPLAINT        | @user ordered 10 days ago and nothing",
            "COMPLAINT        | @user why does the tracking page never update",
            "COMPLAINT        | @user your drivers never ring the bell",
            "ABOUT_OTHERS     | she says they never got the invite",
            "ABOUT_OTHERS     | told him twice already",
            "CUSTOMER_SIDE    | @user check your dms please",
            "CUSTOMER_SIDE    | @user i've dm'd the order number",
            "OTHER_LANGUAGE   | @user je suis toujours sans nouvelles de mon colis, merci",
            "BARE_LINK        | @user https://example.com/screenshot.png"})
    void findsEachMark(Style style, String text) {
        assertThat(has(text, style)).isTrue();
    }

    @Test
    void doesNotReadBrandStockPhrasesAsPersonal() {
        String text = "@user My apologies, we're sorry for the inconvenience. ^JS";

        assertThat(has(text, Style.FIRST_POSSESSIVE)).isFalse();
        assertThat(has(text, Style.NEGATIVE_EMOTION)).isFalse();
        assertThat(has(text, Style.SUPPORT_PHRASE)).isTrue();
    }

    @Test
    void readsAnAgentsIAsBrandPhrasingNotAsAPersonsI() {
        String text = "@user I'm sorry about the mix-up, I understand how annoying that is. I'd be happy to check. ^TR";

        assertThat(has(text, Style.FIRST_SINGULAR)).isFalse();
        assertThat(has(text, Style.SUPPORT_PHRASE)).isTrue();
        assertThat(has("@user I tried the link and I still get an error", Style.FIRST_SINGULAR)).isTrue();
    }

    @Test
    void doesNotReadAnAgentsOfferOfHelpAsTheCustomersSide() {
        assertThat(has("@user Here to help. Please DM us the booking reference. ^TR", Style.CUSTOMER_SIDE)).isFalse();
        assertThat(has("@user If you still need assistance, let us know! ^TR", Style.CUSTOMER_SIDE)).isFalse();
        assertThat(has("@user How can I help today? ^TR", Style.CUSTOMER_SIDE)).isFalse();
        assertThat(has("@user Thank you! We'll share it with the team. ^TR", Style.CUSTOMER_SIDE)).isFalse();
        assertThat(has("@user Refunds show within 5 days of the return. ^TR", Style.COMPLAINT)).isFalse();
    }

    @Test
    void customersThanksForTheReplyIsNotBrandPhrasing() {
        String text = "@user thanks for the reply but that did nothing";

        assertThat(has(text, Style.CUSTOMER_SIDE)).isTrue();
        assertThat(has(text, Style.SUPPORT_PHRASE)).isFalse();
        assertThat(has("@user Thanks for the details, we've raised it. ^TR", Style.SUPPORT_PHRASE)).isTrue();
    }

    @Test
    void aCapitalisedMyInsideASentenceNamesAPage() {
        assertThat(has("@user You'll find it under My Bookings in the app. ^TR", Style.FIRST_POSSESSIVE)).isFalse();
        assertThat(has("@user My booking vanished from the app", Style.FIRST_POSSESSIVE)).isTrue();
        assertThat(has("@user Great. My refund still hasn't come", Style.FIRST_POSSESSIVE)).isTrue();
    }

    @Test
    void aPhraseDoesNotRunOnAcrossTheEndOfASentence() {
        assertThat(has("@user We're glad to help. Please send the receipt over. ^TR", Style.CUSTOMER_SIDE)).isFalse();
        assertThat(has("@user please help, the checkout keeps failing", Style.CUSTOMER_SIDE)).isTrue();
    }

    @Test
    void doesNotTakeContinuationsAbbreviationsOrFullRepliesForCasualOrShort() {
        assertThat(has("@user ...and the refund follows, i.e. within 5 days. ^JS", Style.CARELESS)).isFalse();
        assertThat(has("@user We have checked your order and the refund is on its way. ^JS", Style.SHORT)).isFalse();
    }

    @Test
    void tellsEnglishFromOtherLanguages() {
        assertThat(Reading.of("Great game tonight!!! Go team", Lexicon.shipped()).english).isTrue();
        assertThat(Reading.of("@user Nous avons bien reçu votre demande, merci de patienter.", Lexicon.shipped()).english).isFalse();
    }

    @Test
    void aPostInAnotherLanguageIsNotEnglishForItsEnglishLookAlikes() {
        // "die" and "im" are English to the word lists; "der", "und", "mit" are not.
        Reading german = Reading.of("Unser Team sprach im Podcast über die Lehren der Krise und wie wir mit Kunden arbeiten.",
                Lexicon.shipped());
        assertThat(german.english).isFalse();
        assertThat(Reading.of("im so tired of this, die already week", Lexicon.shipped()).english).isTrue();
    }

    @Test
    void aLetterOfAnAbbreviationIsNotChatSlang() {
        assertThat(has("What share of firms in the U.S. and Canada are small?", Style.INFORMAL)).isFalse();
        assertThat(has("see u at the station", Style.INFORMAL)).isTrue();
    }

    @Test
    void theFirstPersonInsideAQuotationIsTheQuotedPersons() {
        String quoting = "“I could not sit at home while my town needed help.\" Read how our volunteers spent the winter.";
        assertThat(has(quoting, Style.FIRST_SINGULAR)).isFalse();
        assertThat(has(quoting, Style.FIRST_POSSESSIVE)).isFalse();
        assertThat(has("I could not sit at home while my town needed help.", Style.FIRST_SINGULAR)).isTrue();
    }

    @Test
    void aLaterPartOfAThreadStartsInLowerCaseWithoutBeingCareless() {
        assertThat(has("@user say thanks at https://example.com/x. ^BS 2/2", Style.CARELESS)).isFalse();
        assertThat(has("@user and then reboot the router (3/3)", Style.CARELESS)).isFalse();
        assertThat(has("@user say thanks at https://example.com/x. ^BS 1/2", Style.CARELESS)).isTrue();
        assertThat(has("@user my flight is on 3/2", Style.CARELESS)).isTrue();
        assertThat(has("@user why is the app down", Style.CARELESS)).isTrue();
    }

    @Test
    void wishingSomeoneAHappyBirthdayIsNotTheAuthorsOwnLife() {
        assertThat(has("@user Happy Birthday to you!!", Style.PERSONAL_LIFE)).isFalse();
        assertThat(has("@user happy belated bday, enjoy the treat on us", Style.PERSONAL_LIFE)).isFalse();
        assertThat(has("my birthday and I'm stuck at work", Style.PERSONAL_LIFE)).isTrue();
        assertThat(has("Happy birthday to my mum, love you", Style.PERSONAL_LIFE)).isTrue();
    }

    @Test
    void aNameAfterClosingHashtagsIsASignOff() {
        assertThat(has("@user We don't blame you! #winterwarmers Ewan", Style.SIGNOFF)).isTrue();
        assertThat(has("@user We don't blame you! Ewan and the team love it", Style.SIGNOFF)).isFalse();
    }

    @Test
    void aPostMostlyInAnotherScriptIsAnotherLanguageHoweverShort() {
        // Japanese: "my parcel has not arrived yet"
        assertThat(has("@user \u8377\u7269\u304c\u307e\u3060\u5c4a\u3044\u3066\u3044\u307e\u305b\u3093", Style.OTHER_LANGUAGE)).isTrue();
    }

    @Test
    void anotherLanguageNeedsEvidenceNotJustFewCommonEnglishWords() {
        // Plain English with none of the listed common words is not thereby another language.
        assertThat(has("Catching summer rays? Check out four tips on sun safety https://example.com/s", Style.OTHER_LANGUAGE)).isFalse();
        assertThat(has("@user Thanks for the update, I'll try again tonight", Style.OTHER_LANGUAGE)).isFalse();
    }

    @Test
    void aLinkWithWordsIsNoBareLink() {
        assertThat(has("@user Here is how to reset it: https://example.com/reset ^JS", Style.BARE_LINK)).isFalse();
        assertThat(has("@user", Style.BARE_LINK)).isFalse();
    }
}
