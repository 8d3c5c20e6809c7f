package com.mispost.apology;

import java.util.List;

/**
 * English wording. LIGHT is good-humoured and brief; SINCERE says what happened and what will
 * change; GRAVE is a formal statement. All say plainly that a member of the team posted it; after
 * a backlash, that the post was ours and missed the mark, never that it was a mistake.
 */
final class EnglishPhrasebook implements Phrasebook {

    @Override
    public Language language() {
        return Language.ENGLISH;
    }

    @Override
    public List<String> opener(Register register, Tone tone) {
        if (register == Register.SINCERE && tone == Tone.WARM) return List.of("We owe you an apology.");
        if (register == Register.GRAVE && tone == Tone.FORMAL) return List.of("A statement from {brand}:");
        return List.of();
    }

    @Override
    public List<String> happened(Register register, Tone tone, boolean personal) {
        return switch (register) {
            case LIGHT -> switch (tone) {
                case PLAIN -> personal
                        ? List.of("A member of our team posted something here that was meant for a personal account.")
                        : List.of("A member of our team posted something here by mistake.");
                case WARM -> personal
                        ? List.of("That last post was one of us, on the wrong account.")
                        : List.of("That last post was a slip by one of us.");
                case FORMAL -> personal
                        ? List.of("Earlier today a member of our team posted a personal message to the {brand} account by mistake.",
                                  "Earlier today a member of our team posted a personal message here by mistake.")
                        : List.of("Earlier today a member of our team posted a message to the {brand} account by mistake.",
                                  "Earlier today a member of our team posted a message here by mistake.");
            };
            case SINCERE -> switch (tone) {
                case PLAIN -> personal
                        ? List.of("Earlier today a member of our team posted a message here that was meant for a personal account.",
                                  "A member of our team posted a personal message here by mistake.")
                        : List.of("Earlier today a member of our team posted a message here by mistake.",
                                  "A member of our team posted a message here by mistake.");
                case WARM -> personal
                        ? List.of("A member of our team posted a personal message to this account by mistake, and it does not reflect who we are.",
                                  "A member of our team posted a personal message here by mistake.")
                        : List.of("A member of our team posted a message to this account by mistake, and it does not reflect who we are.",
                                  "A member of our team posted a message here by mistake.");
                case FORMAL -> formalHappened(personal);
            };
            case GRAVE -> switch (tone) {
                case PLAIN -> personal
                        ? List.of("Earlier today a member of our team posted a message to the {brand} account that was meant for a personal account.",
                                  "Earlier today a member of our team posted a personal message here by mistake.")
                        : List.of("Earlier today a member of our team posted a message to the {brand} account in error.",
                                  "Earlier today a member of our team posted a message here in error.");
                case WARM -> personal
                        ? List.of("A member of our team posted a personal message to this account by mistake. It should never have appeared here, and it does not reflect who we are.",
                                  "A member of our team posted a personal message here by mistake. It should never have appeared here.")
                        : List.of("A member of our team posted a message to this account by mistake. It should never have appeared here, and it does not reflect who we are.",
                                  "A member of our team posted a message here by mistake. It should never have appeared here.");
                case FORMAL -> formalHappened(personal);
            };
        };
    }

    private static List<String> formalHappened(boolean personal) {
        return personal
                ? List.of("Earlier today a message intended for a personal account was posted to the {brand} account by a member of our team.",
                          "Earlier today a member of our team posted a personal message here by mistake.")
                : List.of("Earlier today a member of our team posted a message to the {brand} account in error.",
                          "Earlier today a member of our team posted a message here in error.");
    }

    @Override
    public List<String> compromised(Tone tone) {
        return switch (tone) {
            case PLAIN -> List.of("Someone outside our team got into our account and posted from it.");
            case WARM -> List.of("Someone outside our team got into this account and posted from it, and that post does not reflect who we are.",
                                 "Someone outside our team got into this account and posted from it.");
            case FORMAL -> List.of("The {brand} account was accessed without authorization and a message was posted from it.",
                                   "Our account was accessed without authorization and a message was posted from it.");
        };
    }

    @Override
    public List<String> apology(Register register, Tone tone, boolean compromise) {
        if (compromise && tone == Tone.PLAIN) {
            return register == Register.GRAVE
                    ? List.of("Keeping this account secure is our job, and we apologize to everyone who read the post.",
                              "Keeping this account secure is our job, and we apologize.")
                    : List.of("Keeping this account secure is our job, and we're sorry.");
        }
        return switch (register) {
            case LIGHT -> switch (tone) {
                case PLAIN -> List.of("Sorry for the mix-up.");
                case WARM -> List.of("Sorry for the mix-up, and thanks for bearing with us.", "Sorry for the mix-up.");
                case FORMAL -> List.of("We apologize for the confusion.");
            };
            case SINCERE -> switch (tone) {
                case PLAIN -> List.of("It was wrong, and we're sorry.");
                case WARM -> List.of("We're sorry.");
                case FORMAL -> List.of("It does not reflect our values, and we apologize.", "We apologize.");
            };
            case GRAVE -> switch (tone) {
                case PLAIN -> List.of("It was wrong, and we apologize to everyone who read it.", "It was wrong, and we apologize.");
                case WARM -> List.of("We are deeply sorry.");
                case FORMAL -> List.of("It does not reflect our values, and we apologize without reservation.",
                                       "We apologize without reservation.");
            };
        };
    }

    @Override
    public List<String> removed(Register register, Tone tone) {
        if (register == Register.LIGHT) {
            return switch (tone) {
                case PLAIN -> List.of("We've removed it.");
                case WARM -> List.of("We've taken it down.");
                case FORMAL -> List.of("We have removed it.");
            };
        }
        return List.of("We have removed it.");
    }

    @Override
    public List<String> change(Register register, Tone tone, boolean compromise) {
        if (compromise) {
            return List.of("We have secured the account and are reviewing who has access to it.",
                           "We have secured the account and are reviewing who has access.");
        }
        return switch (register) {
            case LIGHT -> tone == Tone.WARM ? List.of("We've had a friendly word about which account is which.") : List.of();
            case SINCERE -> switch (tone) {
                case PLAIN -> List.of("We are separating personal and business accounts in the tools our team uses.",
                                      "We are separating personal and business accounts in our tools.");
                case WARM -> List.of("We are changing how our team posts, starting with keeping personal accounts out of our publishing tools.",
                                     "We are keeping personal accounts out of our publishing tools.");
                case FORMAL -> List.of("We are reviewing how our accounts are managed, including who can post and from which tools.",
                                       "We are reviewing who can post to our accounts.");
            };
            case GRAVE -> switch (tone) {
                case PLAIN -> List.of("We are reviewing who can post to our accounts and from which tools, and we will publish what we change.",
                                      "We are reviewing who can post to our accounts and will publish what we change.");
                case WARM -> List.of("We are reviewing how our team posts, and we will share what we change.",
                                     "We are reviewing how our team posts and will share what we change.");
                case FORMAL -> List.of("We have begun a review of how our accounts are managed and will publish its outcome.",
                                       "We are reviewing how our accounts are managed and will publish the outcome.");
            };
        };
    }

    @Override
    public List<String> closing(Register register, Tone tone) {
        if (register == Register.LIGHT && tone == Tone.WARM) return List.of("Back to our regular posts.");
        if (register == Register.GRAVE && tone == Tone.FORMAL) return List.of("A fuller statement will follow on our website.");
        return List.of();
    }

    @Override
    public String statement(String brand, boolean personal, boolean compromise, boolean removed, boolean change,
                            List<String> include) {
        String account = brand.isEmpty() ? "our account" : "the " + brand + " account";
        StringBuilder s = new StringBuilder();
        s.append(brand.isEmpty() ? "Statement" : "Statement from " + brand).append("\n\n");
        if (compromise) {
            s.append("Earlier today ").append(account).append(" was accessed without authorization, and a message was posted from it. ")
             .append("Keeping our accounts secure is our responsibility, and we did not do it well enough.");
        } else if (personal) {
            s.append("Earlier today a message that a member of our team meant for a personal account was posted to ").append(account)
             .append(" by mistake. It was not the work of anyone outside our company.");
        } else {
            s.append("Earlier today a member of our team posted a message to ").append(account)
             .append(" in error. It was not the work of anyone outside our company.");
        }
        s.append(" The message does not reflect our values. We apologize without reservation to everyone who read it and to everyone it affected.");
        if (removed) {
            s.append("\n\nWe have removed the message. Removing it does not undo it, which is why we are saying plainly what happened rather than letting it disappear quietly.");
        }
        if (change) {
            s.append("\n\nWhat we are doing now:");
            if (compromise) s.append("\n- We have secured the account and are reviewing who has access to it.");
            s.append("\n- We are separating personal and business accounts in the tools our team uses.")
             .append("\n- We are reviewing who can post to our accounts, and how.");
            if (!compromise) s.append("\n- We are reviewing this incident with the team member involved.");
            s.append("\n\nWe will publish what we have changed once that review is complete.");
        }
        if (!include.isEmpty()) {
            s.append("\n\n").append(String.join(" ", include));
        }
        return s.toString();
    }

    @Override
    public List<String> misjudged(Register register, Tone tone) {
        return switch (register) {
            case LIGHT -> switch (tone) {
                case PLAIN -> List.of("Our last post missed the mark, and your replies made that clear.", "Our last post missed the mark.");
                case WARM -> List.of("We got our last post wrong, and we hear you.");
                case FORMAL -> List.of("Our most recent post missed the mark.");
            };
            case SINCERE -> switch (tone) {
                case PLAIN -> List.of("Our post earlier today was insensitive, and we should not have published it.",
                                      "Our earlier post was insensitive.");
                case WARM -> List.of("Our post earlier today was badly misjudged, and your replies told us so clearly.",
                                     "Our post earlier today was badly misjudged.");
                case FORMAL -> List.of("Our post earlier today was insensitive, and it was wrong of us to publish it.",
                                       "Our earlier post was insensitive.");
            };
            case GRAVE -> switch (tone) {
                case PLAIN -> List.of("Our post earlier today was deeply insensitive, and we should not have published it.",
                                      "Our earlier post was deeply insensitive.");
                case WARM -> List.of("Our post earlier today was deeply insensitive. It should not have gone out, and it does not reflect who we are.",
                                     "Our post earlier today was deeply insensitive. It should not have gone out.");
                case FORMAL -> List.of("Earlier today we published a post on the {brand} account that was insensitive, and we were wrong to publish it.",
                                       "Earlier today we published a post here that was insensitive.");
            };
        };
    }

    @Override
    public List<String> misjudgedApology(Register register, Tone tone) {
        return switch (register) {
            case LIGHT -> switch (tone) {
                case PLAIN -> List.of("We're sorry.");
                case WARM -> List.of("Sorry, and thank you for telling us.", "Sorry.");
                case FORMAL -> List.of("We apologize.");
            };
            case SINCERE -> switch (tone) {
                case PLAIN -> List.of("We got it wrong, and we're sorry.");
                case WARM -> List.of("We're sorry.");
                case FORMAL -> List.of("It does not reflect our values, and we apologize.", "We apologize.");
            };
            case GRAVE -> switch (tone) {
                case PLAIN -> List.of("It was wrong, and we apologize to everyone it hurt.", "It was wrong, and we apologize.");
                case WARM -> List.of("We are deeply sorry.");
                case FORMAL -> List.of("It does not reflect our values, and we apologize without reservation.",
                                       "We apologize without reservation.");
            };
        };
    }

    @Override
    public List<String> misjudgedChange(Register register, Tone tone) {
        return switch (register) {
            case LIGHT -> switch (tone) {
                case PLAIN -> List.of("We're reviewing how we plan our posts.");
                case WARM -> List.of("We're reviewing how we plan what we post.");
                case FORMAL -> List.of("We are reviewing how our posts are planned and approved.");
            };
            case SINCERE -> switch (tone) {
                case PLAIN, FORMAL -> List.of("We are reviewing how our posts are planned and approved, including the ones scheduled in advance.",
                                              "We are reviewing how our posts are approved.");
                case WARM -> List.of("We are changing how we check posts before they go out, including the ones scheduled in advance.",
                                     "We are changing how we check posts before they go out.");
            };
            case GRAVE -> switch (tone) {
                case PLAIN -> List.of("We are reviewing how our posts are planned and approved, and we will publish what we change.",
                                      "We are reviewing how our posts are approved and will publish what we change.");
                case WARM -> List.of("We are reviewing how we decide what to post, and we will share what we change.",
                                     "We are reviewing how we decide what to post and will share what we change.");
                case FORMAL -> List.of("We have begun a review of how our posts are planned and approved and will publish its outcome.",
                                       "We are reviewing how our posts are approved and will publish the outcome.");
            };
        };
    }

    @Override
    public String misjudgedStatement(String brand, boolean removed, boolean change, List<String> include) {
        String account = brand.isEmpty() ? "our account" : "the " + brand + " account";
        StringBuilder s = new StringBuilder();
        s.append(brand.isEmpty() ? "Statement" : "Statement from " + brand).append("\n\n");
        s.append("Earlier today we published a post on ").append(account).append(" that was insensitive. ")
         .append("It was written and approved by our team, and we should not have published it. ")
         .append("We have read the replies, and we understand why it hurt. ")
         .append("We apologize without reservation to everyone who read it and to everyone it affected.");
        if (removed) {
            s.append("\n\nWe have removed the post. Removing it does not undo it, which is why we are saying plainly what happened rather than letting it disappear quietly.");
        }
        if (change) {
            s.append("\n\nWhat we are doing now:")
             .append("\n- We are reviewing the posts we have scheduled before any more go out.")
             .append("\n- We are reviewing how our posts are planned and approved, including who checks them against the news of the day.")
             .append("\n\nWe will publish what we have changed once that review is complete.");
        }
        if (!include.isEmpty()) {
            s.append("\n\n").append(String.join(" ", include));
        }
        return s.toString();
    }
}
