package com.mispost.crowd;

import java.util.List;

/**
 * The ways a reply turns against the post it answers, each with the phrases that say it. The
 * phrases are written by hand from general knowledge of how people answer a brand post that went
 * wrong (no word list or weight is derived from any data set); they are matched as whole words
 * after {@link ReplyText#words} (case, accents, leetspeak, stretched letters, hashtags). A cue
 * weighs 1 (says it by itself) or 0.5 (says it only beside another: "lol", "oof").
 */
public enum Turn {
    WRONG_ACCOUNT("wrong-account", "thinking it went to the wrong account", List.of(
            "wrong account", "wrong acc", "wrong acct", "wrong login", "wrong profile", "wrong tab", "wrong app",
            "meant to post", "meant for your personal", "meant for your own", "personal account", "your finsta", "finsta",
            "forgot to switch", "forgot to log out", "switch accounts", "switch account", "thought this was your",
            "think you meant", "posted from the brand", "on the company account", "on the brand account",
            "main account", "alt account",
            "cuenta equivocada", "cuenta personal", "falscher account", "falsches konto", "privater account",
            "mauvais compte", "compte perso", "account sbagliato")),
    BLAME("who-approved", "asking who approved it, or who will be fired", List.of(
            "who approved this", "who approved that", "who posted this", "who wrote this", "who let this",
            "who runs this account", "who is running this account", "who s running this account", "who is in charge",
            "someone is getting fired", "someone s getting fired", "somebody is getting fired", "somebody s getting fired",
            "getting fired", "gonna get fired", "going to get fired", "fire whoever", "fire the intern", "the intern",
            "your intern", "social media intern", "social media manager", "your social team",
            "quien aprobo", "qui a poste")),
    DELETE("delete", "asking to delete it, or keeping screenshots", List.of(
            "delete this", "delete it", "delete that", "take this down", "take it down", "take that down",
            "deleting this", "screenshot", "screenshotted", "screenshots", "screenshot taken", "screencap", "receipts",
            "internet is forever", "archived", "before they delete", "before it gets deleted", "before you delete",
            "borra esto", "losch das", "supprime ca")),
    HACKED("hacked", "asking whether the account was hacked", List.of(
            "were you hacked", "was this hacked", "got hacked", "been hacked", "account hacked", "hacked",
            "compromised", "who has your password", "gehackt", "hackeado", "hackeada")),
    DISBELIEF("disbelief", "in disbelief", List.of(
            "is this real", "is this for real", "is this a joke", "did you mean to", "did you really",
            "what is this", "what was that", "excuse me", "are you ok", "are you okay", "um what", "uh what",
            "i can t believe", "cant believe", "can t believe", "wait what", "who hurt you", "not you posting",
            "what the hell", "what the heck", "wtf", "wth", "omg", "oh no", "yikes", "oof", "bruh", "umm", "hmm")),
    ANGER("anger", "angry or disgusted", List.of(
            "unprofessional", "disgusting", "disgraceful", "shameful", "shame on you", "embarrassing",
            "appalling", "appalled", "offensive", "outrageous", "unacceptable", "tone deaf", "bad look",
            "terrible look", "not a good look", "horrible", "gross", "boycott", "unfollow", "unfollowed",
            "unfollowing", "never buying", "never again", "never ordering", "done with you", "lost a customer",
            "do better", "vergogna", "verguenza", "peinlich", "honte")),
    MOCKERY("mockery", "mocking the brand", List.of(
            "cringe", "lmao", "lmfao", "rofl", "lol", "ratio", "imagine posting", "aged like milk", "main character",
            "pr disaster", "pr nightmare", "pr team", "this is going well", "nice one", "great job", "clown",
            "\uD83E\uDD21", "\uD83D\uDC80", "\uD83D\uDE2C", "\uD83E\uDEE0", "\uD83C\uDF7F"));

    /** Cues that say nothing by themselves: a friendly reply laughs too, and "nice one" can be sincere. */
    static final java.util.Set<String> WEAK = java.util.Set.of("lol", "omg", "oh no", "oof", "bruh", "umm", "hmm",
            "great job", "nice one", "pr team", "social media manager", "the intern", "screenshot", "archived",
            "wth", "gross", "horrible", "main account", "what is this", "\uD83D\uDE2C", "\uD83C\uDF7F", "screenshots",
            "receipts", "never again", "i can t believe", "cant believe", "can t believe");

    private final String id;
    private final String says;
    private final List<String> cues;

    Turn(String id, String says, List<String> cues) {
        this.id = id;
        this.says = says;
        this.cues = cues;
    }

    /** A stable name, used in the reason's signal ("crowd.wrong-account"). */
    public String id() {
        return id;
    }

    /** What replies of this turn do, after "N replies" or "1 reply". */
    public String says() {
        return says;
    }

    List<String> cues() {
        return cues;
    }
}
