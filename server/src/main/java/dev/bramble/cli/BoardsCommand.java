package dev.bramble.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.bramble.device.Board;
import dev.bramble.device.DeviceCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bramble boards}: the boards a target may name with {@code board NAME}. */
@Command(name = "boards", mixinStandardHelpOptions = true, description = "List the catalogued boards (for 'board NAME' in a target).")
final class BoardsCommand implements Callable<Integer> {
    @Mixin
    FormatOption output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            JsonArray all = new JsonArray();
            for (Board b : DeviceCatalog.standard().boards()) all.add(json(b));
            out.println(new GsonBuilder().setPrettyPrinting().create().toJson(all));
        } else {
            out.println(String.format(Locale.ROOT, "%-14s %-22s %-9s %8s  %-12s %-9s %-9s %s",
                    "board", "part", "family", "osc MHz", "PLL", "UART rx", "UART tx", "name"));
            for (Board b : DeviceCatalog.standard().boards()) {
                out.println(String.format(Locale.ROOT, "%-14s %-22s %-9s %8s  %-12s %-9s %-9s %s",
                        b.id(), b.device().name(), b.family().id(), trim(b.clockMHz()), b.pll(),
                        b.uartRx().site(), b.uartTx().site(), b.name()));
            }
        }
        out.flush();
        return 0;
    }

    static String trim(double mhz) {
        return mhz == Math.rint(mhz) ? String.valueOf((long) mhz) : String.valueOf(mhz);
    }

    static JsonObject json(Board b) {
        JsonObject o = new JsonObject();
        o.addProperty("id", b.id());
        o.addProperty("name", b.name());
        JsonArray aliases = new JsonArray();
        b.aliases().forEach(aliases::add);
        o.add("aliases", aliases);
        o.addProperty("part", b.device().name());
        o.addProperty("family", b.family().id());
        o.addProperty("clockMHz", b.clockMHz());
        o.add("clockPin", pin(b, b.clock()));
        o.addProperty("pll", b.pll());
        o.add("reset", pin(b, b.reset()));
        o.addProperty("resetActiveLow", b.resetActiveLow());
        o.addProperty("resetName", b.resetName());
        o.add("uartRx", pin(b, b.uartRx()));
        o.add("uartTx", pin(b, b.uartTx()));
        o.addProperty("uartNote", b.uartNote());
        JsonArray leds = new JsonArray();
        for (int i = 0; i < b.leds().size(); i++) {
            JsonObject l = pin(b, b.leds().get(i));
            l.addProperty("name", b.ledNames().get(i));
            leds.add(l);
        }
        o.add("leds", leds);
        o.addProperty("ledsActiveLow", b.ledsActiveLow());
        o.addProperty("source", b.source());
        return o;
    }

    private static JsonObject pin(Board b, Board.Pin p) {
        JsonObject o = new JsonObject();
        o.addProperty("site", p.site());
        o.addProperty("io", b.ioOf(p));
        return o;
    }
}
