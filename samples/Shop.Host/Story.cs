using System.Collections.Concurrent;
using Flow.Deployment;

namespace Shop.Host;

/// <summary>
/// The demo's console output, in the order a reader needs it. Runtime events arrive on other
/// threads, often in the middle of a call (the last order on an old version unloads that
/// version before its CompleteAsync returns), so they are queued and written after the line of
/// the step that caused them; each event says what it means.
/// </summary>
internal sealed class Story
{
    private readonly ConcurrentQueue<DeploymentEvent> _events = new();

    public void Observe(DeploymentEvent e) => _events.Enqueue(e);

    /// <summary>Writes <paramref name="text"/>, then the runtime events that happened up to now.</summary>
    public void Line(string text = "")
    {
        Console.WriteLine(text);
        Events();
    }

    /// <summary>Writes the runtime events that happened since the last line.</summary>
    public void Events()
    {
        while (_events.TryDequeue(out var e))
        {
            Console.WriteLine($"  [runtime] {e.Kind} {e.Name} v{e.Version}: {Why(e)}");
        }
    }

    private static string Why(DeploymentEvent e) => e.Kind switch
    {
        DeploymentEventKind.Activated => "verified against its manifest, loaded and made latest; new orders start on it",
        DeploymentEventKind.Unchanged =>
            $"the watcher reported the folder again (a later write of the build, or its periodic rescan), but the files are the ones v{e.Version} was loaded from, so nothing is reloaded",
        DeploymentEventKind.Unloaded => "no longer latest and no order runs on it any more, so its load context was unloaded",
        DeploymentEventKind.Failed => "refused, the previous version stays live: " + e.Error?.Message,
        _ => e.Error?.Message ?? "",
    };
}
