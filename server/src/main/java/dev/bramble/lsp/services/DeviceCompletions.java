package dev.bramble.lsp.services;

import dev.bramble.device.Device;
import dev.bramble.device.DeviceCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;

/** Part names and aliases from the device catalogue, each with its resources as detail, for completion after {@code device}. */
public final class DeviceCompletions {
    private DeviceCompletions() {}

    public static List<CompletionItem> fromCatalogue() {
        List<CompletionItem> out = new ArrayList<>();
        for (Device d : DeviceCatalog.standard().devices()) {
            String resources = String.format(Locale.ROOT, "%s %s: %,d %s · %d %s · %d DSP", d.family().vendor(), d.family().name(),
                    d.logic(), d.family().logicUnit(), d.bram(), d.family().blockRam().name(), d.dsp());
            out.add(item(d.base(), resources, "0" + d.base()));
            for (String alias : d.aliases()) out.add(item(alias, d.base() + " — " + resources, "1" + alias));
        }
        return out;
    }

    private static CompletionItem item(String label, String detail, String sort) {
        CompletionItem item = new CompletionItem(label);
        item.setKind(CompletionItemKind.Value);
        item.setDetail(detail);
        item.setSortText(sort);
        return item;
    }
}
