package dev.bramble.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.bramble.device.Device;
import dev.bramble.device.DeviceCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bramble devices}: the catalogue of parts the estimator knows. */
@Command(name = "devices", mixinStandardHelpOptions = true, description = "List the catalogued FPGA parts.")
final class DevicesCommand implements Callable<Integer> {
    @Mixin
    FormatOption output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            JsonArray all = new JsonArray();
            for (Device d : DeviceCatalog.standard().devices()) {
                JsonObject o = new JsonObject();
                o.addProperty("name", d.name());
                o.addProperty("base", d.base());
                JsonArray aliases = new JsonArray();
                d.aliases().forEach(aliases::add);
                o.add("aliases", aliases);
                o.addProperty("family", d.family().id());
                o.addProperty("logic", d.logic());
                o.addProperty("logicUnit", d.family().logicUnit());
                o.addProperty("ff", d.ffs());
                o.addProperty("bram", d.bram());
                o.addProperty("bramUnit", d.family().blockRam().name());
                o.addProperty("bramBits", d.bramBits());
                o.addProperty("dsp", d.dsp());
                o.addProperty("dspUnit", d.family().dsp().name());
                if (d.largeRam() != null) {
                    o.addProperty("largeRam", d.largeRam().count() + " x " + d.largeRam().name());
                }
                o.addProperty("source", d.source());
                all.add(o);
            }
            out.println(new GsonBuilder().setPrettyPrinting().create().toJson(all));
        } else {
            out.println(String.format(Locale.ROOT, "%-22s %-16s %-9s %9s %-5s %6s %-12s %5s  %s",
                    "part", "alias", "family", "logic", "", "blocks", "block RAM", "DSP", "large RAM"));
            for (Device d : DeviceCatalog.standard().devices()) {
                out.println(String.format(Locale.ROOT, "%-22s %-16s %-9s %,9d %-5s %6d %-12s %5d  %s",
                        d.name(), String.join(",", d.aliases()), d.family().id(), d.logic(), d.family().logicUnit(),
                        d.bram(), d.family().blockRam().name(), d.dsp(),
                        d.largeRam() == null ? "-" : d.largeRam().count() + " x " + d.largeRam().name()));
            }
        }
        out.flush();
        return 0;
    }
}
