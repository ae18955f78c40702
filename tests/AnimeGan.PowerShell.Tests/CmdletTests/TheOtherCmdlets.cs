namespace AnimeGan.PowerShell.Tests.CmdletTests
{
    [Collection(nameof(ModuleHost))]
    public class TheOtherCmdlets : IClassFixture<ModuleHostFixture>
    {
        private readonly ModuleHost _host;

        public TheOtherCmdlets(ModuleHostFixture fixture) => _host = fixture.Host;

        [Fact]
        public void ShouldListInstalledStylesAsObjects()
        {
            var styles = _host.Invoke($"Get-AnimeStyle -ModelsPath '{ModuleHost.Models}'");
            Assert.Equal(6, styles.Count);
            Assert.Contains(styles, s => (string)s.Properties["Id"].Value == "hayao" && (bool)s.Properties["IsDefault"].Value);
        }

        [Fact]
        public void ShouldInstallFromAFolderAndHonourWhatIf()
        {
            using var folder = new TemporaryDirectory();
            _host.Invoke($"Install-AnimeModel cute -SourcePath '{TestFiles.ModelsFolder}' -ModelsPath '{folder.Path}' -WhatIf");
            Assert.Empty(Directory.GetFiles(folder.Path));

            var result = _host.Invoke($"Install-AnimeModel cute -SourcePath '{TestFiles.ModelsFolder}' -ModelsPath '{folder.Path}' -SkipInt8").Single();
            Assert.Equal("Installed", result.Properties["Outcome"].Value);
            Assert.True(File.Exists(Path.Combine(folder.Path, "AnimeGANv3_tiny_Cute.onnx")));
        }

        [Fact]
        public void ShouldFindFacesAsObjects()
        {
            var faces = _host.Invoke($"Get-AnimeFace -LiteralPath '{Path.Combine(TestFiles.Portraits, "3.jpg")}' -ModelsPath '{ModuleHost.Models}'");
            Assert.Equal(6, faces.Count);
            Assert.All(faces, f => Assert.Equal(5, ((System.Collections.ICollection)f.Properties["Landmarks"].Value).Count));
            Assert.All(faces, f => Assert.Equal("AnimeGan.PowerShell.AnimeFaceLandmarks", f.Properties["Landmarks"].Value.GetType().FullName));
        }

        [Fact]
        public void ShouldRegisterAVariantUsableAsAStyle()
        {
            using var folder = new TemporaryDirectory();
            _host.Invoke($"Install-AnimeModel cute -SourcePath '{TestFiles.ModelsFolder}' -ModelsPath '{folder.Path}' -SkipInt8");

            var variant = _host.Invoke($"Optimize-AnimeModel cute -Kind Int8 -CalibrationPath '{TestFiles.Portraits}' -ModelsPath '{folder.Path}'").Single();

            Assert.Equal("cute@int8", variant.Properties["Id"].Value);
            var styles = _host.Invoke($"Get-AnimeStyle -ModelsPath '{folder.Path}'").Select(s => (string)s.Properties["Id"].Value).ToList();
            Assert.Contains("cute@int8", styles);
        }
    }
}
