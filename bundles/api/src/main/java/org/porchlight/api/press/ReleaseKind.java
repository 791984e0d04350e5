package org.porchlight.api.press;

/** What a template is written for. */
public enum ReleaseKind {
    /** A press release for the media. */
    PRESS_RELEASE,
    /** A post on a social network, with that network's length limit. */
    SOCIAL_POST,
    /** A notice to the community (e.g. on the agency's site or a neighbourhood board). */
    COMMUNITY_NOTICE
}
