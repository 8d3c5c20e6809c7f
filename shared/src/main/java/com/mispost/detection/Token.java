package com.mispost.detection;

/**
 * One word of a post as the detector reads it.
 *
 * @param start     offset of the first char in the post's text
 * @param end       offset after the last char
 * @param key       lower case, straight apostrophes; for a hashtag its body without '#'
 * @param kind      what sort of token it is
 * @param stretched whether a letter repeats three times or more ("sooo")
 * @param shouted   whether it is written in capitals (four letters or more)
 */
record Token(int start, int end, String key, Kind kind, boolean stretched, boolean shouted) {

    enum Kind {
        WORD,
        /** The whole body of a hashtag. */
        HASHTAG,
        /** One word of a hashtag written in camel case ("#FridayFeeling" gives "friday", "feeling"). */
        HASHTAG_PART,
        MENTION,
        URL
    }

    boolean isWordLike() {
        return kind == Kind.WORD || kind == Kind.HASHTAG || kind == Kind.HASHTAG_PART;
    }
}
