package link.etcd.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The body of {@code GET /v2/members}. */
public record MembersJson(@Nullable List<MemberJson> members) {}
