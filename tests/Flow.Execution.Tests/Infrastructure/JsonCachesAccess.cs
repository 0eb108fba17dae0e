namespace Flow.Execution.Tests.Infrastructure;

internal static class JsonCachesAccess
{
    public static bool CanClear => Flow.Deployment.JsonCaches.CanClear;
}
