package io.gewebot.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Serves every GeWe endpoint the sandbox knows, for every account of its token. Order of work for one
 * request: record it, apply a fault armed on the account it names, route, check token, appId (one of the
 * token's accounts) and that account's online state, validate the body, act on that account, answer,
 * then run what comes after the answer (callback pushes).
 */
final class ApiHandler implements HttpHandler {

    static final String TOKEN_HEADER = "X-GEWE-TOKEN";
    static final String MISSING_TOKEN = "X-GEWE-TOKEN 不可为空";
    /** The vendor's wording; "xxx" stands literally where a token would be, so none is ever echoed. */
    static final String BAD_TOKEN = "HTTP HEADER: X-GEWE-TOKEN=xxx 不可用或已过期";
    static final String MISSING_APP_ID = "appId 不可为空";
    /**
     * An appId the token holds no account for. REFERENCE.md quotes no vendor text for this one; it is
     * worded like the vendor's token failure ({@code ... 不可用或已过期}), and the sandbox's own choice.
     */
    static final String BAD_APP_ID = "appId 不可用或已过期";
    static final String OFFLINE = "微信已离线，请重新登录";
    static final String NOT_FOUND = "接口不存在";

    static final String BAD_LABEL_IDS = "labelIds 参数错误: 以逗号分隔的标签 id，如 \"1,2\"";
    private static final Set<Integer> ADD_SCENES = Set.of(3, 4, 8, 15);
    /** The scene of a friend request to someone found in a group chat. */
    private static final int GROUP_SCENE = 8;
    private static final String ADD_FAILED = "添加好友失败";
    private static final String GROUP_MEMBERS_FAILED = "获取群成员列表失败";
    private static final String NOT_IN_GROUP = "不是群成员";
    /** What {@code addGroupMemberAsFriend} answers for a member who turned off "add me from a group". */
    static final String GROUP_ADD_FORBIDDEN = "对方已关闭通过群聊添加好友";
    static final String GROUP_ADD_FORBIDDEN_CODE = "-24";
    private static final String HEAD_IMG = "http://wx.qlogo.cn/mmhead/ver_1/sandbox/";

    private final SandboxOptions options;
    private final Accounts accounts;
    private final CallLog log;
    private final MessageIds ids;
    private final CallbackSender sender;

    ApiHandler(SandboxOptions options, Accounts accounts, CallLog log, MessageIds ids, CallbackSender sender) {
        this.options = options;
        this.accounts = accounts;
        this.log = log;
        this.ids = ids;
        this.sender = sender;
    }

    @Override
    public void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        try {
            serve(exchange, started);
        } catch (IOException | UncheckedIOException e) {
            // The client went away (e.g. timed out during a delay): nothing left to answer.
        } catch (RuntimeException e) {
            try {
                answer(exchange, Reply.httpError(500, "sandbox internal error: " + e));
            } catch (IOException | RuntimeException ignored) {
                // Headers may already be out; the connection is closed below.
            }
        } finally {
            exchange.close();
        }
    }

    private void serve(HttpExchange exchange, long started) throws IOException {
        String rawPath = exchange.getRequestURI().getPath();
        boolean underPrefix = underPrefix(rawPath);
        String path = underPrefix ? rawPath.substring(options.pathPrefix().length()) : rawPath;
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String named = namedAppId(body);
        RecordedCall call = new RecordedCall(path, headers(exchange), body, Instant.now());

        // A fault is the named account's. A call that names none of the token's accounts (no appId, a
        // foreign one, the token and callback calls) takes the first account's, as every call did when
        // a sandbox had one account.
        Optional<Fault> fault = accounts.byAppId(named).orElseGet(accounts::first).faults().take(path);
        if (fault.isPresent() && !(fault.get() instanceof Fault.Delay)) {
            log.record(call, named);
            misbehave(exchange, fault.get());
            return;
        }
        Reply reply;
        try {
            reply = underPrefix
                    ? route(exchange.getRequestMethod(), path, body, exchange.getRequestHeaders().getFirst(TOKEN_HEADER))
                    : Reply.httpError(404, NOT_FOUND);
        } finally {
            // Listed once its effect is in place (a friend request among the outgoing ones, say), so
            // that whoever sees the call listed sees what it did, even while a delayed answer is held back.
            log.record(call, named);
        }
        if (fault.isPresent()) {
            sleep(((Fault.Delay) fault.get()).duration());
        }
        // Listed before the answer goes out, so that a client that has its answer finds the call
        // listed; the write itself (tens of microseconds) is left to the client's side.
        log.record(new ServedCall(path, started, System.nanoTime()));
        answer(exchange, reply);
        reply.afterAnswer().run();
    }

    private Reply route(String method, String path, String body, String token) {
        Endpoint endpoint = Endpoint.of(path);
        if (endpoint == null || endpoint == Endpoint.CHECK_RELATION && options.variant() != SandboxOptions.Variant.HOSTED) {
            // The self-hosted container has no relation check: it answers as for any path it does not know.
            return Reply.httpError(404, NOT_FOUND);
        }
        if (!"POST".equalsIgnoreCase(method)) {
            return Reply.httpError(405, "只支持 POST");
        }
        if (endpoint == Endpoint.GET_TOKEN_ID) {
            // Self-hosted: whoever reaches the container may ask for its token.
            return Reply.ok(options.token());
        }
        if (token == null || token.isBlank()) {
            return Reply.fail(MISSING_TOKEN);
        }
        if (!token.equals(options.token())) {
            return Reply.fail(BAD_TOKEN);
        }
        ObjectNode json;
        try {
            JsonNode parsed = Json.MAPPER.readTree(body.isBlank() ? "{}" : body);
            if (!(parsed instanceof ObjectNode object)) {
                return Reply.fail("请求参数错误: body 必须是 JSON 对象");
            }
            json = object;
        } catch (JsonProcessingException e) {
            return Reply.fail("请求参数错误: body 不是合法的 JSON");
        }
        if (endpoint == Endpoint.SET_CALLBACK || endpoint == Endpoint.LOGIN_SET_CALLBACK) {
            return setCallback(json);
        }
        if (endpoint == Endpoint.GET_LOGIN_QR_CODE) {
            return loginQrCode(json);
        }
        String appId = text(json, "appId");
        if (appId == null || appId.isBlank()) {
            return Reply.fail(MISSING_APP_ID);
        }
        Optional<SandboxAccount> account = accounts.byAppId(appId);
        if (account.isEmpty()) {
            // Another token's device, or none: refused, never answered as one of this token's accounts.
            return Reply.fail(BAD_APP_ID);
        }
        return route(endpoint, json, account.get());
    }

    private Reply route(Endpoint endpoint, ObjectNode json, SandboxAccount account) {
        AccountState state = account.state();
        if (endpoint == Endpoint.CHECK_ONLINE) {
            return Reply.ok(state.online());
        }
        if (endpoint == Endpoint.CHECK_LOGIN) {
            return checkLogin(json, account);
        }
        if (endpoint == Endpoint.RECONNECTION) {
            // WeChat lets a dropped device back in without a scan; a refusal is armed as a fault.
            state.setOnline(true);
            return Reply.ok();
        }
        if (!state.online()) {
            return Reply.fail(OFFLINE);
        }
        return switch (endpoint) {
            case SEARCH -> search(state, json);
            case ADD_CONTACTS -> addContacts(account, json);
            case DELETE_FRIEND -> deleteFriend(account, json);
            case BRIEF_INFO -> profiles(state, json, 100);
            case DETAIL_INFO -> profiles(state, json, 20);
            case SET_REMARK -> setRemark(state, json);
            case FETCH_CONTACTS -> fetchContacts(state);
            case FETCH_CONTACTS_CACHE -> fetchContactsCache(state);
            case CHECK_RELATION -> checkRelation(state, json);
            case LABEL_ADD -> addLabel(state, json);
            case LABEL_LIST -> listLabels(state);
            case LABEL_DELETE -> deleteLabels(state, json);
            case LABEL_MODIFY_MEMBERS -> modifyLabelMembers(state, json);
            case POST_TEXT -> postText(account, json);
            case CHATROOM_MEMBERS -> chatroomMembers(account, json);
            case ADD_GROUP_MEMBER -> addGroupMember(account, json);
            default -> throw new IllegalStateException("unrouted endpoint " + endpoint);
        };
    }

    private Reply setCallback(ObjectNode json) {
        String token = text(json, "token");
        if (token == null || !token.equals(options.token())) {
            return Reply.fail("token 不可用或已过期");
        }
        String url = text(json, "callbackUrl");
        if (url == null || url.isBlank()) {
            return Reply.fail("callbackUrl 不可为空");
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            return Reply.fail("回调地址格式错误");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            return Reply.fail("回调地址格式错误");
        }
        // GeWe checks the URL with a test message and keeps it only if it is answered with 200.
        ObjectNode test = Json.MAPPER.createObjectNode();
        test.put("testMsg", "验证回调地址是否可用");
        test.put("token", options.token());
        int status;
        try {
            status = sender.post(uri.toString(), test.toString());
        } catch (UncheckedIOException e) {
            return Reply.fail("回调地址不可用");
        }
        if (status != 200) {
            return Reply.fail("回调地址不可用: HTTP " + status);
        }
        sender.setCallbackUrl(uri.toString());
        return Reply.ok();
    }

    private Reply loginQrCode(ObjectNode json) {
        String appId = text(json, "appId");
        // "" asks for a new device: the sandbox's accounts are fixed, so it becomes one waiting for a login.
        Optional<SandboxAccount> account = appId == null || appId.isBlank()
                ? Optional.of(accounts.forNewDevice()) : accounts.byAppId(appId);
        if (account.isEmpty()) {
            return Reply.fail(BAD_APP_ID);
        }
        String type = text(json, "type");
        if (type != null && !type.equals("ipad") && !type.equals("mac")) {
            return Reply.fail("type 参数错误: ipad 或 mac");
        }
        LoginDesk.Code code = account.get().login().issue(account.get().appId());
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("appId", code.appId);
        data.put("uuid", code.uuid);
        data.put("qrData", code.qrData);
        data.put("qrImgBase64", QrImages.pngBase64(code.qrData));
        return Reply.ok(data);
    }

    private Reply checkLogin(ObjectNode json, SandboxAccount account) {
        LoginDesk login = account.login();
        String uuid = text(json, "uuid");
        if (uuid == null || uuid.isBlank()) {
            return Reply.fail("uuid 不可为空");
        }
        Optional<LoginDesk.Code> code = login.code(uuid);
        if (code.isEmpty()) {
            return Reply.fail("uuid 不存在");
        }
        LoginDesk.Check check = login.poll(code.get());
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("uuid", uuid);
        boolean scanned = check.status() >= 1;
        data.put("headImgUrl", scanned ? HEAD_IMG + account.wxid() + "/0" : null);
        data.put("nickName", scanned ? GeweSandbox.ACCOUNT_NICKNAME : null);
        data.put("expiredTime", check.expiredSeconds());
        data.put("status", check.status());
        if (check.status() == 2) {
            account.state().setOnline(true);
            ObjectNode info = data.putObject("loginInfo");
            info.put("uin", 1_234_567_890L);
            info.put("wxid", account.wxid());
            info.put("nickName", GeweSandbox.ACCOUNT_NICKNAME);
        } else {
            data.putNull("loginInfo");
        }
        return Reply.ok(data);
    }

    private static Reply search(AccountState state, ObjectNode json) {
        String query = text(json, "contactsInfo");
        if (query == null || query.isBlank()) {
            return Reply.fail("contactsInfo 不可为空");
        }
        Optional<SandboxPerson> found = state.find(query);
        if (found.isEmpty()) {
            return Reply.fail("搜索联系人失败", "-4", "用户不存在");
        }
        SandboxPerson person = found.get();
        AccountState.Profile profile = state.profile(person.wxid()).orElseThrow();
        String v3;
        String v4;
        if (profile.relation() == AccountState.Relation.FRIEND) {
            // WeChat answers a friend with the plain wxid: the sign that there is nobody to add.
            v3 = person.wxid();
            v4 = state.unregisteredV4();
        } else {
            AccountState.Tickets tickets = state.issueSearchTickets(person.wxid());
            v3 = tickets.v3();
            v4 = tickets.v4();
        }
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("v3", v3);
        data.put("v4", v4);
        data.put("nickName", person.nickname());
        data.put("sex", profile.sex());
        data.put("signature", profile.signature());
        data.put("bigHeadImgUrl", HEAD_IMG + person.wxid() + "/0");
        data.put("smallHeadImgUrl", HEAD_IMG + person.wxid() + "/132");
        return Reply.ok(data);
    }

    private static Reply addContacts(SandboxAccount account, ObjectNode json) {
        AccountState state = account.state();
        for (String field : List.of("scene", "option", "v3", "v4", "content")) {
            if (!json.hasNonNull(field)) {
                return Reply.fail(field + " 不可为空");
            }
        }
        Integer option = integer(json.get("option"));
        if (option == null || option < 2 || option > 4) {
            return Reply.fail("option 参数错误: 2 添加好友, 3 同意好友, 4 拒绝好友");
        }
        Integer scene = integer(json.get("scene"));
        if (scene == null || (option == 2 ? !ADD_SCENES.contains(scene) : scene <= 0)) {
            return Reply.fail(option == 2
                    ? "scene 参数错误: 添加好友时只能是 3 (微信号搜索), 4 (QQ好友), 8 (来自群聊), 15 (手机号)"
                    : "scene 参数错误: 同意或拒绝时传回调消息中的 scene");
        }
        JsonNode contentNode = json.get("content");
        if (!contentNode.isTextual()) {
            return Reply.fail("content 必须是字符串");
        }
        String v3 = text(json, "v3");
        String v4 = text(json, "v4");
        if (v3 == null || v3.isBlank() || v4 == null || v4.isBlank()) {
            return Reply.fail((v3 == null || v3.isBlank() ? "v3" : "v4") + " 不可为空");
        }
        Reply ticketInvalid = Reply.fail("添加好友失败", "-2", "user ticket invalid");
        if (option == 2) {
            Optional<String> owner = state.searchTicketOwner(v3, v4);
            if (owner.isEmpty()) {
                return ticketInvalid;
            }
            state.recordOutgoing(new OutgoingRequest(owner.get(), scene, contentNode.asText()));
            return Reply.ok();
        }
        Optional<AccountState.Pending> pending = state.pendingByTickets(v3, v4);
        if (pending.isEmpty()) {
            return ticketInvalid;
        }
        String wxid = pending.get().wxid();
        if (option == 3) {
            state.makeFriend(wxid);
            return Reply.ok().then(() -> account.pushModContactsLater(wxid));
        }
        state.closeIncoming(wxid);
        return Reply.ok();
    }

    /**
     * {@code /group/getChatroomMemberList}: the members of a group the account is in, the account among
     * them, the owner first.
     */
    private static Reply chatroomMembers(SandboxAccount account, ObjectNode json) {
        String chatroomId = text(json, "chatroomId");
        if (chatroomId == null || chatroomId.isBlank()) {
            return Reply.fail("chatroomId 不可为空");
        }
        AccountState state = account.state();
        Optional<List<String>> members = state.group(chatroomId).filter(m -> m.contains(account.wxid()));
        if (members.isEmpty()) {
            return Reply.fail(GROUP_MEMBERS_FAILED, "-1", NOT_IN_GROUP);
        }
        ObjectNode data = Json.MAPPER.createObjectNode();
        ArrayNode list = data.putArray("memberList");
        for (String wxid : members.get()) {
            SandboxPerson person = state.person(wxid).orElseThrow();
            ObjectNode o = list.addObject();
            o.put("wxid", wxid);
            o.put("nickName", wxid.equals(account.wxid()) ? GeweSandbox.ACCOUNT_NICKNAME : person.nickname());
            o.putNull("inviterUserName");
            o.put("memberFlag", 0);
            o.putNull("displayName");
            o.put("bigHeadImgUrl", HEAD_IMG + wxid + "/0");
            o.put("smallHeadImgUrl", HEAD_IMG + wxid + "/132");
        }
        data.put("chatroomOwner", members.get().get(0));
        data.putNull("adminWxid");
        return Reply.ok(data);
    }

    /**
     * {@code /group/addGroupMemberAsFriend}: a friend request to a member of a group both are in, unless the
     * member turned off "add me from a group"; answers the member's v3, the one searches give for them.
     */
    private static Reply addGroupMember(SandboxAccount account, ObjectNode json) {
        for (String field : List.of("chatroomId", "memberWxid", "content")) {
            if (!json.hasNonNull(field)) {
                return Reply.fail(field + " 不可为空");
            }
        }
        if (!json.get("content").isTextual()) {
            return Reply.fail("content 必须是字符串");
        }
        String chatroomId = text(json, "chatroomId");
        String member = text(json, "memberWxid");
        AccountState state = account.state();
        Optional<List<String>> members = state.group(chatroomId).filter(m -> m.contains(account.wxid()));
        if (members.isEmpty() || !members.get().contains(member) || member.equals(account.wxid())) {
            return Reply.fail(ADD_FAILED, "-1", NOT_IN_GROUP);
        }
        if (state.isFriend(member)) {
            return Reply.fail(ADD_FAILED, "-3", "对方已是你的好友");
        }
        if (!state.allowsAddFromGroup(member)) {
            return Reply.fail(ADD_FAILED, GROUP_ADD_FORBIDDEN_CODE, GROUP_ADD_FORBIDDEN);
        }
        state.recordOutgoing(new OutgoingRequest(member, GROUP_SCENE, json.get("content").asText()));
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("v3", state.searchV3(member));
        return Reply.ok(data);
    }

    private static Reply deleteFriend(SandboxAccount account, ObjectNode json) {
        String wxid = text(json, "wxid");
        if (wxid == null || wxid.isBlank()) {
            return Reply.fail("wxid 不可为空");
        }
        if (account.state().removeFriend(wxid)) {
            // GeWe tells the callback that the contact went, after answering.
            return Reply.ok().then(() -> account.pushDelContactsLater(wxid));
        }
        return Reply.ok();
    }

    private static Reply setRemark(AccountState state, ObjectNode json) {
        String wxid = text(json, "wxid");
        String remark = text(json, "remark");
        if (wxid == null || wxid.isBlank()) {
            return Reply.fail("wxid 不可为空");
        }
        if (remark == null) {
            return Reply.fail("remark 不可为空");
        }
        if (!state.isFriend(wxid)) {
            return Reply.fail("设置好友备注失败: 不是好友");
        }
        state.setRemark(wxid, remark);
        return Reply.ok();
    }

    private static Reply profiles(AccountState state, ObjectNode json, int max) {
        JsonNode wxids = json.get("wxids");
        Reply invalid = invalidWxids(wxids, max);
        if (invalid != null) {
            return invalid;
        }
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (JsonNode node : wxids) {
            state.profile(node.asText()).ifPresent(p -> {
                ObjectNode o = list.addObject();
                o.put("userName", p.person().wxid());
                o.put("nickName", p.person().nickname());
                o.put("remark", p.remark() == null ? "" : p.remark());
                o.put("alias", p.person().alias() == null ? "" : p.person().alias());
                o.put("labelList", labelIds(p.labelIds()));
                o.put("sex", p.sex());
                o.put("signature", p.signature());
                o.put("bigHeadImgUrl", HEAD_IMG + p.person().wxid() + "/0");
                o.put("smallHeadImgUrl", HEAD_IMG + p.person().wxid() + "/132");
            });
        }
        return Reply.ok(list);
    }

    /** {@code null} when {@code wxids} is a list of 1 to {@code max} entries, else the failure to answer. */
    private static Reply invalidWxids(JsonNode wxids, int max) {
        if (wxids == null || !wxids.isArray() || wxids.isEmpty()) {
            return Reply.fail("wxids 不可为空");
        }
        if (wxids.size() > max) {
            return Reply.fail("wxids 最多 " + max + " 个");
        }
        return null;
    }

    private static Reply fetchContacts(AccountState state) {
        List<String> friends = state.friends().stream().map(p -> p.person().wxid()).toList();
        state.rememberFetchedFriends(friends);
        return Reply.ok(contactsList(friends));
    }

    /** The list {@code fetchContactsList} answered last, for about 10 minutes, as GeWe keeps it. */
    private static Reply fetchContactsCache(AccountState state) {
        return state.cachedFriends().map(friends -> Reply.ok(contactsList(friends)))
                .orElseGet(() -> Reply.fail("获取通讯录缓存失败: 缓存不存在或已过期，请先调用 fetchContactsList"));
    }

    private static ObjectNode contactsList(List<String> wxids) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        ArrayNode friends = data.putArray("friends");
        wxids.forEach(friends::add);
        data.putArray("chatrooms");
        data.putArray("ghs");
        return data;
    }

    private static Reply checkRelation(AccountState state, ObjectNode json) {
        JsonNode wxids = json.get("wxids");
        Reply invalid = invalidWxids(wxids, 20);
        if (invalid != null) {
            return invalid;
        }
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (JsonNode node : wxids) {
            String wxid = node.asText();
            if (state.person(wxid).isPresent()) {
                list.addObject().put("wxid", wxid).put("relation", state.relationCode(wxid));
            }
        }
        return Reply.ok(list);
    }

    private static Reply addLabel(AccountState state, ObjectNode json) {
        String name = text(json, "labelName");
        if (name == null || name.isBlank()) {
            return Reply.fail("labelName 不可为空");
        }
        return Reply.ok(label(state.addLabel(name.strip())));
    }

    private static Reply listLabels(AccountState state) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        ArrayNode list = data.putArray("labelList");
        state.labels().forEach(label -> list.add(label(label)));
        return Reply.ok(data);
    }

    private static Reply deleteLabels(AccountState state, ObjectNode json) {
        String raw = text(json, "labelIds");
        if (raw == null || raw.isBlank()) {
            return Reply.fail("labelIds 不可为空");
        }
        Optional<List<Integer>> ids = labelIds(raw);
        if (ids.isEmpty()) {
            return Reply.fail(BAD_LABEL_IDS);
        }
        state.deleteLabels(ids.get());
        return Reply.ok();
    }

    /** Replaces the whole label set of each friend named, as GeWe does: ids not sent are taken off. */
    private static Reply modifyLabelMembers(AccountState state, ObjectNode json) {
        String raw = text(json, "labelIds");
        if (raw == null) {
            return Reply.fail("labelIds 不可为空");
        }
        // "" is allowed: it takes every label off.
        Optional<List<Integer>> ids = labelIds(raw);
        if (ids.isEmpty()) {
            return Reply.fail(BAD_LABEL_IDS);
        }
        for (int id : ids.get()) {
            if (state.label(id).isEmpty()) {
                return Reply.fail("修改标签成员失败: 标签 " + id + " 不存在");
            }
        }
        JsonNode wxids = json.get("wxIds");
        if (wxids == null || !wxids.isArray() || wxids.isEmpty()) {
            return Reply.fail("wxIds 不可为空");
        }
        for (JsonNode node : wxids) {
            if (!state.isFriend(node.asText())) {
                return Reply.fail("修改标签成员失败: " + node.asText() + " 不是好友");
            }
        }
        wxids.forEach(node -> state.setLabels(node.asText(), ids.get()));
        return Reply.ok();
    }

    private static ObjectNode label(AccountState.Label label) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("labelId", label.id());
        node.put("labelName", label.name());
        return node;
    }

    /** GeWe's {@code labelList}: the ids joined by commas, {@code ""} when none. */
    private static String labelIds(List<Integer> ids) {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }

    /** GeWe's {@code labelIds}, {@code "1,2"}: empty when it is not such a list; no ids for {@code ""}. */
    private static Optional<List<Integer>> labelIds(String raw) {
        List<Integer> ids = new ArrayList<>();
        if (raw.isBlank()) {
            return Optional.of(ids);
        }
        for (String part : raw.split(",", -1)) {
            try {
                ids.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(ids);
    }

    private Reply postText(SandboxAccount account, ObjectNode json) {
        String to = text(json, "toWxid");
        String content = text(json, "content");
        if (to == null || to.isBlank()) {
            return Reply.fail("toWxid 不可为空");
        }
        if (content == null || content.isEmpty()) {
            return Reply.fail("content 不可为空");
        }
        JsonNode atsNode = json.get("ats");
        String ats = atsNode == null || atsNode.isNull() ? null : atsNode.asText();
        log.record(new PostedText(to, content, ats), account.appId());
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("toWxid", to);
        data.put("createTime", System.currentTimeMillis() / 1000);
        data.put("msgId", 0);
        data.put("newMsgId", ids.nextNewMsgId());
        data.put("type", 1);
        return Reply.ok(data);
    }

    private void misbehave(HttpExchange exchange, Fault fault) throws IOException {
        if (fault instanceof Fault.ConnectionReset) {
            // Closing an exchange before its headers were sent closes the connection itself:
            // the client reads end-of-stream where a status line should be.
            exchange.close();
        } else if (fault instanceof Fault.HttpStatus status) {
            int code = status.code();
            exchange.getResponseHeaders().set("Content-Type", "text/html;charset=UTF-8");
            if (code == 204 || code == 304) {
                exchange.sendResponseHeaders(code, -1);
                return;
            }
            String html = "<html>\r\n<head><title>" + code + " Error</title></head>\r\n<body>\r\n<center><h1>"
                    + code + " Error</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
            write(exchange, code, html.getBytes(StandardCharsets.UTF_8));
        } else if (fault instanceof Fault.MalformedJson) {
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
            write(exchange, 200, "{\"ret\":200,\"msg\":\"操作成功\",\"data\":{\"v3\":\"v3_0".getBytes(StandardCharsets.UTF_8));
        } else if (fault instanceof Fault.Ret500 ret500) {
            answer(exchange, Reply.fail(ret500.msg()));
        } else {
            throw new IllegalStateException("unhandled fault " + fault);
        }
    }

    private static void answer(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        write(exchange, reply.httpStatus(), Json.MAPPER.writeValueAsBytes(reply.envelope()));
    }

    private static void write(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private boolean underPrefix(String rawPath) {
        String prefix = options.pathPrefix();
        return prefix.isEmpty() || rawPath.startsWith(prefix + "/");
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        return headers;
    }

    /** The {@code appId} a body names, read leniently: {@code null} when it is no JSON object or names none. */
    private static String namedAppId(String body) {
        try {
            JsonNode parsed = Json.MAPPER.readTree(body.isBlank() ? "{}" : body);
            return parsed instanceof ObjectNode object ? text(object, "appId") : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String text(ObjectNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node.isValueNode() ? node.asText() : null;
    }

    /** An int only when the JSON value is an integral number that fits one; strings and decimals are refused. */
    private static Integer integer(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToInt() ? node.intValue() : null;
    }

    private static void sleep(java.time.Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            // Closing the sandbox interrupts held answers; answer at once instead.
            Thread.currentThread().interrupt();
        }
    }

    /** The endpoints the sandbox knows, by path without prefix. */
    private enum Endpoint {
        SEARCH("/contacts/search"),
        ADD_CONTACTS("/contacts/addContacts"),
        DELETE_FRIEND("/contacts/deleteFriend"),
        BRIEF_INFO("/contacts/getBriefInfo"),
        DETAIL_INFO("/contacts/getDetailInfo"),
        SET_REMARK("/contacts/setFriendRemark"),
        FETCH_CONTACTS("/contacts/fetchContactsList"),
        FETCH_CONTACTS_CACHE("/contacts/fetchContactsListCache"),
        CHECK_RELATION("/contacts/checkRelation"),
        LABEL_ADD("/label/add"),
        LABEL_LIST("/label/list"),
        LABEL_DELETE("/label/delete"),
        LABEL_MODIFY_MEMBERS("/label/modifyMemberList"),
        POST_TEXT("/message/postText"),
        CHATROOM_MEMBERS("/group/getChatroomMemberList"),
        ADD_GROUP_MEMBER("/group/addGroupMemberAsFriend"),
        CHECK_ONLINE("/login/checkOnline"),
        GET_LOGIN_QR_CODE("/login/getLoginQrCode"),
        CHECK_LOGIN("/login/checkLogin"),
        GET_TOKEN_ID("/tools/getTokenId"),
        SET_CALLBACK("/tools/setCallback"),
        LOGIN_SET_CALLBACK("/login/setCallback"),
        RECONNECTION("/login/reconnection");

        private final String path;

        Endpoint(String path) {
            this.path = path;
        }

        static Endpoint of(String path) {
            for (Endpoint e : values()) {
                if (e.path.equals(path)) {
                    return e;
                }
            }
            return null;
        }
    }
}
