namespace Flow.Build.Tasks.Tests.Infrastructure;

/// <summary>Where the repository is: the first folder above the test binaries holding the solution.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Flow.Generators.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Flow.Generators.sln not found above " + AppContext.BaseDirectory);
    }
}
