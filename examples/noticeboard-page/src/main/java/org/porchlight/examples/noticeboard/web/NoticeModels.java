package org.porchlight.examples.noticeboard.web;

import java.util.List;
import java.util.Map;

import org.porchlight.api.ui.PageModel;

import org.porchlight.examples.noticeboard.store.NoticeRows.Notice;

/** Notices as the templates show them: plain values (ISO dates and instants), no objects to call. */
final class NoticeModels {

    private NoticeModels() {
    }

    static List<Map<String, Object>> notices(List<Notice> notices) {
        return notices.stream().map(n -> PageModel.of("id", n.id().toString(), "title", n.title(), "body", n.body(),
                "until", n.until() == null ? null : n.until().toString(), "postedAt", n.postedAt().toInstant().toString()))
                .toList();
    }
}
