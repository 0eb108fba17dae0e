using Microsoft.Playwright;

namespace Flow.Cockpit.Tests.Browser;

/// <summary>
/// Debian's chromium (/usr/bin/chromium, or FLOW_CHROMIUM), driven by Playwright without any
/// browser download. A missing chromium fails the tests (CI installs it in .ci/run); they never skip.
/// </summary>
public static class Chromium
{
    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public static string ExecutablePath
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("FLOW_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"Chromium not found at '{path}'. Install Debian's chromium (apt-get install -y chromium; .ci/run does) or set FLOW_CHROMIUM to a Chromium executable.");
            }

            return path;
        }
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
                Timeout = 60_000,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Where screenshots go (kept as test artifacts beside the test assembly).</summary>
    public static string Screenshot(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }
}
