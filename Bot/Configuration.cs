using System.Globalization;
using Microsoft.Extensions.Configuration.Json;

namespace Bot;

public static class Configuration
{
    /// <summary>
    /// The one documented default configuration is appsettings.json at the repository root; the build copies it beside
    /// the binary. It is read from there, in the place of the content root's appsettings.json, so environment
    /// variables and the command line still override it.
    /// </summary>
    public static WebApplicationBuilder UseShippedAppSettings(this WebApplicationBuilder builder)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!File.Exists(shipped)) return builder;
        var sources = builder.Configuration.Sources;
        var index = sources.ToList().FindIndex(s => s is JsonConfigurationSource { Path: "appsettings.json" });
        var source = new JsonConfigurationSource { Path = shipped, Optional = false, ReloadOnChange = false };
        source.ResolveFileProvider();
        if (index >= 0) sources[index] = source;
        else sources.Insert(0, source);
        return builder;
    }

    /// <summary>A local time of day as the settings write it ("16:30"); null when it is not HH:mm, for the options' own message.</summary>
    public static TimeOnly? TimeOfDay(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
}
