namespace AnimeGan.Release.Tests
{
    /// <summary>
    /// The linux-x64 archive on a bare Debian (bookworm, minbase: libc6, libgcc-s1, libstdc++6 and zlib1g are in
    /// every Debian) with only what README lists added: libssl3, which .NET's hashing and HTTPS go through (here
    /// with ca-certificates, which brings it). Run in podman from the base image the release builds its container
    /// from (packaging/base-image.sh), with no network.
    /// </summary>
    public sealed class TheArchiveOnABareSystem
    {
        [Fact]
        public void ShouldConvertWithLibssl3AddedAndSayWhatIsMissingWithout()
        {
            using var folder = new TemporaryDirectory();
            var name = $"animegan-{ReleaseFolder.Version}-linux-x64";
            Command.Run("tar", new[] { "-xzf", ReleaseFolder.Artifact(name + ".tar.gz"), "-C", folder.Path }).Succeeded();
            TestImages.WritePhoto(TestFiles.Rickshaw, folder.File("photo.jpg"), 256);
            var image = Environment.GetEnvironmentVariable("ANIMEGAN_RUNTIME_IMAGE") is { Length: > 0 } given
                ? given
                : Command.Run("bash", new[] { Path.Combine(ReleaseFolder.Repository, "packaging", "base-image.sh") }, ReleaseFolder.Repository, minutes: 15).Succeeded().Out.Trim();
            var convert = $"/w/{name}/animegan convert /w/photo.jpg --max-size 128 --no-faces";

            // The base is minbase with ca-certificates (for HTTPS downloads), which brings libssl3; taken away, the
            // archive must fail saying so, which is why README lists it.
            var bare = Command.Run("podman", new[] { "run", "--rm", "--network", "none", "--volume", $"{folder.Path}:/w", image, "sh", "-c", $"dpkg --purge --force-depends libssl3 >/dev/null 2>&1; {convert} 2>&1" });
            var listed = Command.Run("podman", new[] { "run", "--rm", "--network", "none", "--volume", $"{folder.Path}:/w", image, "sh", "-c", $"dpkg-query -W -f '${{Package}}\\n' | sort > /w/packages.txt; {convert}" });

            Assert.NotEqual(0, bare.ExitCode);
            Assert.True((bare.Out + bare.Error).Contains("No usable version of libssl was found", StringComparison.Ordinal), bare.Out + bare.Error);
            Assert.True(listed.ExitCode == 0, listed.Out + listed.Error);
            Assert.True(File.Exists(folder.File("photo_anime.jpg")), listed.Out + listed.Error);
            // What the system held: minbase's packages, ca-certificates and what it brings (openssl, libssl3), nothing of .NET's or ImageMagick's.
            var packages = File.ReadAllLines(folder.File("packages.txt"));
            Assert.Contains("libssl3", packages);
            Assert.DoesNotContain(packages, p => p.StartsWith("libicu", StringComparison.Ordinal) || p.StartsWith("libmagick", StringComparison.Ordinal) || p.StartsWith("libgomp", StringComparison.Ordinal) || p.StartsWith("dotnet", StringComparison.Ordinal));
        }
    }
}
