package dev.bramble.device;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.bramble.lang.resolve.Names;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The device catalogue, read once from {@code devices.json} (the one place device figures
 * live). Lookup ignores case, punctuation and any package/speed suffix: {@code xc7a35t},
 * {@code XC7A35TCSG324-1} and {@code arty-a7-35} all find the same part.
 */
public final class DeviceCatalog {
    private static final String RESOURCE = "/dev/bramble/device/devices.json";
    private static volatile DeviceCatalog standard;

    private final Map<String, Family> families;
    private final List<Device> devices;
    private final List<Board> boards;

    private DeviceCatalog(Map<String, Family> families, List<Device> devices, List<Board> boards) {
        this.families = Map.copyOf(families);
        this.devices = List.copyOf(devices);
        this.boards = List.copyOf(boards);
    }

    /** The catalogue shipped in the jar (parsed once, then shared: it is immutable). */
    public static DeviceCatalog standard() {
        DeviceCatalog c = standard;
        if (c == null) {
            synchronized (DeviceCatalog.class) {
                if (standard == null) standard = load();
                c = standard;
            }
        }
        return c;
    }

    private static DeviceCatalog load() {
        try (InputStream in = DeviceCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("device catalogue " + RESOURCE + " missing from the jar");
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read device catalogue " + RESOURCE, e);
        }
    }

    static DeviceCatalog parse(Reader reader) {
        JsonObject root = JsonParser.parseReader(reader).getAsJsonObject();
        Map<String, Family> families = new LinkedHashMap<>();
        for (JsonElement e : root.getAsJsonArray("families")) {
            Family f = family(e.getAsJsonObject());
            families.put(f.id(), f);
        }
        List<Device> devices = new ArrayList<>();
        for (JsonElement e : root.getAsJsonArray("parts")) {
            JsonObject o = e.getAsJsonObject();
            Family f = families.get(o.get("family").getAsString());
            if (f == null) throw new IllegalStateException("part " + o.get("name") + " names an unknown family");
            List<String> aliases = new ArrayList<>();
            for (JsonElement a : o.getAsJsonArray("aliases")) aliases.add(a.getAsString());
            LargeRam large = null;
            if (o.has("largeRam")) {
                JsonObject l = o.getAsJsonObject("largeRam");
                large = new LargeRam(l.get("name").getAsString(), l.get("count").getAsInt(), l.get("bits").getAsLong(),
                        optString(l, "cell"), l.has("depth") ? l.get("depth").getAsInt() : 0, l.has("width") ? l.get("width").getAsInt() : 0);
            }
            devices.add(new Device(o.get("name").getAsString(), o.get("base").getAsString(), aliases, f,
                    o.get("logic").getAsInt(), o.get("ffs").getAsInt(), o.get("bram").getAsInt(), o.get("dsp").getAsInt(),
                    large, optString(o, "nextpnr"), o.get("source").getAsString()));
        }
        DeviceCatalog partsOnly = new DeviceCatalog(families, devices, List.of());
        List<Board> boards = new ArrayList<>();
        if (root.has("boards")) {
            for (JsonElement e : root.getAsJsonArray("boards")) boards.add(board(e.getAsJsonObject(), partsOnly));
        }
        return new DeviceCatalog(families, devices, boards);
    }

    private static Board board(JsonObject o, DeviceCatalog parts) {
        String id = o.get("id").getAsString();
        Device device = parts.find(o.get("part").getAsString())
                .orElseThrow(() -> new IllegalStateException("board " + id + " names an unknown part"));
        List<String> aliases = new ArrayList<>();
        for (JsonElement a : o.getAsJsonArray("aliases")) aliases.add(a.getAsString());
        JsonObject clock = o.getAsJsonObject("clock");
        JsonObject reset = o.getAsJsonObject("reset");
        JsonObject uart = o.getAsJsonObject("uart");
        JsonObject leds = o.getAsJsonObject("leds");
        List<Board.Pin> ledPins = new ArrayList<>();
        for (JsonElement p : leds.getAsJsonArray("pins")) ledPins.add(pin(p));
        List<String> ledNames = new ArrayList<>();
        for (JsonElement n : leds.getAsJsonArray("names")) ledNames.add(n.getAsString());
        return new Board(id, o.get("name").getAsString(), aliases, device, o.get("io").getAsString(),
                clock.get("mhz").getAsDouble(), pin(clock.get("pin")), o.get("pll").getAsString(),
                pin(reset.get("pin")), reset.get("activeLow").getAsBoolean(), reset.get("name").getAsString(),
                pin(uart.get("rx")), pin(uart.get("tx")), uart.get("note").getAsString(),
                ledPins, leds.get("activeLow").getAsBoolean(), ledNames, o.get("source").getAsString());
    }

    private static Board.Pin pin(JsonElement e) {
        JsonObject p = e.getAsJsonObject();
        return new Board.Pin(p.get("site").getAsString(), optString(p, "io"));
    }

    private static List<BlockRamShape> shapes(JsonArray array) {
        List<BlockRamShape> shapes = new ArrayList<>();
        for (JsonElement s : array) {
            JsonArray pair = s.getAsJsonArray();
            shapes.add(new BlockRamShape(pair.get(0).getAsInt(), pair.get(1).getAsInt()));
        }
        return shapes;
    }

    private static Family family(JsonObject o) {
        JsonObject b = o.getAsJsonObject("blockRam");
        List<BlockRamShape> shapes = shapes(b.getAsJsonArray("shapes"));
        Map<String, Integer> larger = new LinkedHashMap<>();
        if (b.has("largerCells")) {
            for (Map.Entry<String, JsonElement> en : b.getAsJsonObject("largerCells").entrySet()) {
                larger.put(en.getKey(), en.getValue().getAsInt());
            }
        }
        BlockRamKind.LargerBlock largerBlock = null;
        if (b.has("yosysLarger")) {
            JsonObject l = b.getAsJsonObject("yosysLarger");
            largerBlock = new BlockRamKind.LargerBlock(l.get("units").getAsInt(), l.get("cost").getAsInt(), shapes(l.getAsJsonArray("shapes")));
        }
        BlockRamKind bram = new BlockRamKind(b.get("name").getAsString(), b.get("cell").getAsString(),
                b.get("bits").getAsInt(), shapes, larger, b.get("source").getAsString(), optString(b, "vendorRuleOnly"), optInt(b, "yosysCost"), optInt(b, "yosysByte"),
                largerBlock);
        JsonObject d = o.getAsJsonObject("dsp");
        List<String> cells = new ArrayList<>();
        for (JsonElement c : d.getAsJsonArray("cells")) cells.add(c.getAsString());
        DspKind dsp = new DspKind(d.get("name").getAsString(), cells, d.get("rule").getAsString(),
                optInt(d, "aMax"), optInt(d, "bMax"), d.has("aMaxPartial") ? d.get("aMaxPartial").getAsInt() : optInt(d, "aMax"),
                optInt(d, "aMin"), optInt(d, "bMin"), optInt(d, "yMin"),
                d.has("signedOnly") && d.get("signedOnly").getAsBoolean(),
                d.get("source").getAsString(), optString(d, "vendorRuleOnly"));
        JsonObject y = o.getAsJsonObject("yosys");
        return new Family(o.get("id").getAsString(), o.get("name").getAsString(), o.get("vendor").getAsString(),
                o.get("logicUnit").getAsString(), o.get("typicalMaxClockMHz").getAsDouble(),
                o.get("clockSource").getAsString(), bram, dsp, y.get("synth").getAsString(),
                y.get("mapsBlockRam").getAsBoolean(), y.get("mapsDsp").getAsBoolean(),
                lutRam(o), o.has("fallingEdgeRead") ? o.getAsJsonObject("fallingEdgeRead").get("maxMHz").getAsDouble() : 0);
    }

    private static LutRamKind lutRam(JsonObject o) {
        if (!o.has("lutRam")) return null;
        JsonObject r = o.getAsJsonObject("lutRam");
        Map<String, Double> cells = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> en : r.getAsJsonObject("cells").entrySet()) cells.put(en.getKey(), en.getValue().getAsDouble());
        return new LutRamKind(r.get("depth").getAsInt(), r.get("bitsPerCell").getAsInt(), r.get("portsPerCell").getAsInt(),
                r.get("unitsPerCell").getAsDouble(), cells, r.get("source").getAsString());
    }

    private static int optInt(JsonObject o, String key) {
        return o.has(key) ? o.get(key).getAsInt() : 0;
    }

    private static String optString(JsonObject o, String key) {
        return o.has(key) ? o.get(key).getAsString() : null;
    }

    public List<Device> devices() {
        return devices;
    }

    /** The catalogued boards, in catalogue order. */
    public List<Board> boards() {
        return boards;
    }

    /** A board by its id or an alias (case and punctuation ignored). */
    public Optional<Board> board(String written) {
        if (written == null) return Optional.empty();
        String key = normalize(written);
        for (Board b : boards) {
            if (normalize(b.id()).equals(key)) return Optional.of(b);
            for (String a : b.aliases()) if (normalize(a).equals(key)) return Optional.of(b);
        }
        return Optional.empty();
    }

    /** The boards carrying a part (a target that names a part rather than a board may still be built for them). */
    public List<Board> boardsWith(Device device) {
        return boards.stream().filter(b -> b.device() == device).toList();
    }

    public Optional<Family> family(String id) {
        return Optional.ofNullable(families.get(id));
    }

    /**
     * The part a user wrote: case and punctuation ignored; an alias matches exactly, a part
     * name matches when the text starts with the part's base (so any package/speed suffix is
     * accepted). The longest matching base wins.
     */
    public Optional<Device> find(String written) {
        if (written == null) return Optional.empty();
        String key = normalize(written);
        if (key.isEmpty()) return Optional.empty();
        Optional<Board> board = board(written);
        if (board.isPresent()) return Optional.of(board.get().device());
        Device best = null;
        int bestLength = -1;
        for (Device d : devices) {
            for (String alias : d.aliases()) {
                String a = normalize(alias);
                if (key.equals(a) || (a.startsWith("gw") && key.startsWith(a))) return Optional.of(d);
            }
            String base = normalize(d.base());
            if (key.startsWith(base) && base.length() > bestLength) {
                best = d;
                bestLength = base.length();
            }
        }
        return Optional.ofNullable(best);
    }

    /** Up to {@code limit} catalogue names closest to an unknown part name. */
    public List<String> suggest(String written, int limit) {
        Set<String> names = new LinkedHashSet<>();
        for (Device d : devices) {
            names.add(d.base());
            names.addAll(d.aliases());
        }
        List<String> hits = new ArrayList<>(Names.closest(written, names, limit));
        if (hits.isEmpty()) {
            // Nothing near by spelling: offer parts sharing the written vendor prefix, else all bases.
            String key = normalize(written);
            for (Device d : devices) {
                String base = normalize(d.base());
                if (key.length() >= 3 && base.startsWith(key.substring(0, 3))) hits.add(d.base());
            }
            if (hits.isEmpty()) for (Device d : devices) hits.add(d.base());
        }
        return hits.size() > limit ? List.copyOf(hits.subList(0, limit)) : List.copyOf(hits);
    }

    static String normalize(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toLowerCase(s.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) b.append(c);
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
