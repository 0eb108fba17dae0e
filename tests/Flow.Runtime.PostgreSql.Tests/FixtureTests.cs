using Flow.Runtime.PostgreSql.Tests.Infrastructure;

namespace Flow.Runtime.PostgreSql.Tests;

/// <summary>The fixture finds PostgreSQL's binaries where Debian puts them and says plainly what to install when they are missing.</summary>
public sealed class FixtureTests
{
    [Fact]
    public void Missing_binaries_are_an_error_that_says_what_to_install()
    {
        var empty = Directory.CreateTempSubdirectory("flow-pg-none-").FullName;
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => PostgreSqlServer.FindBinaries(null, empty, Path.Combine(empty, "postgresql")));
            Assert.Contains("apt-get install -y postgresql", error.Message, StringComparison.Ordinal);
            Assert.Contains("FLOW_PG_BIN", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void The_newest_version_folder_under_the_versions_root_is_found()
    {
        var root = Directory.CreateTempSubdirectory("flow-pg-versions-").FullName;
        try
        {
            foreach (var version in new[] { "9", "15", "13" })
            {
                var bin = Directory.CreateDirectory(Path.Combine(root, version, "bin")).FullName;
                File.WriteAllText(Path.Combine(bin, "initdb"), "");
                File.WriteAllText(Path.Combine(bin, "pg_ctl"), "");
            }

            Assert.Equal(Path.Combine(root, "15", "bin"), PostgreSqlServer.FindBinaries(null, "", root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
