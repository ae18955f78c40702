using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AnimeGan.Core.Exceptions;
using AnimeGan.Core.Models;
using AnimeGan.Tests;

namespace AnimeGan.Core.Tests.ModelStoreTests
{
    public class TheInstallMethods
    {
        [Fact]
        public void ShouldInstallFromAFolderAndVerify()
        {
            using var store = new TemporaryDirectory();
            var models = new ModelStore(store.Path);
            var hayao = models.Manifest.Get("hayao");

            Assert.Equal(InstallOutcome.Installed, models.InstallFromFolder(hayao, TestFiles.ModelsFolder));
            Assert.Equal(ModelFileState.Valid, models.Verify(hayao));
            Assert.Equal(InstallOutcome.AlreadyInstalled, models.InstallFromFolder(hayao, TestFiles.ModelsFolder));
            Assert.Equal(new[] { "AnimeGANv3_Hayao_36_fp16.onnx" }, Directory.GetFiles(store.Path).Select(Path.GetFileName));
        }

        [Fact]
        public void ShouldRefuseAFileWhoseHashDiffersAndLeaveNothingBehind()
        {
            using var source = new TemporaryDirectory();
            using var target = new TemporaryDirectory();
            var models = new ModelStore(target.Path);
            var hayao = models.Manifest.Get("hayao");
            var bytes = File.ReadAllBytes(Path.Combine(TestFiles.ModelsFolder, hayao.FileName));
            bytes[bytes.Length / 2] ^= 0xFF;
            File.WriteAllBytes(source.File(hayao.FileName), bytes);

            var ex = Assert.Throws<AnimeGanException>(() => models.InstallFromFolder(hayao, source.Path));

            Assert.Equal(AnimeGanErrorCode.ModelHashMismatch, ex.Code);
            Assert.Contains(hayao.FileName, ex.Message);
            Assert.Empty(Directory.GetFiles(target.Path));
        }

        [Fact]
        public void ShouldRefuseToLoadAModelTamperedWithAfterInstall()
        {
            using var target = new TemporaryDirectory();
            var models = new ModelStore(target.Path);
            var cute = models.Manifest.Get("cute");
            models.InstallFromFolder(cute, TestFiles.ModelsFolder);
            var path = models.GetVerifiedPath(cute);
            var bytes = File.ReadAllBytes(path);
            bytes[100] ^= 0x01;
            File.WriteAllBytes(path, bytes);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));

            using var engine = new AnimeGanEngine(models);
            var ex = Assert.Throws<AnimeGanException>(() => engine.LoadStyle("cute"));
            Assert.Equal(AnimeGanErrorCode.ModelHashMismatch, ex.Code);
        }

        [Fact]
        public void ShouldTellHowToInstallAMissingModel()
        {
            using var empty = new TemporaryDirectory();
            using var engine = new AnimeGanEngine(new ModelStore(empty.Path));
            var ex = Assert.Throws<AnimeGanException>(() => engine.LoadStyle(null));
            Assert.Equal(AnimeGanErrorCode.ModelNotInstalled, ex.Code);
            Assert.Contains("animegan models install hayao", ex.Message);
        }

        [Fact]
        public async Task ShouldRefuseADownloadWithoutAnHttpsSource()
        {
            using var target = new TemporaryDirectory();
            var models = new ModelStore(target.Path);
            var ex = await Assert.ThrowsAsync<AnimeGanException>(() => models.InstallFromSourceAsync(models.Manifest.Get("hayao-v2")));
            Assert.Equal(AnimeGanErrorCode.InstallFailed, ex.Code);
            Assert.Contains("--from", ex.Message);
        }

        [Fact]
        public void ShouldInstallEveryModelFoundInAFolder()
        {
            using var target = new TemporaryDirectory();
            var models = new ModelStore(target.Path);
            var results = models.InstallAllFromFolder(TestFiles.ModelsFolder);
            Assert.Equal(models.Manifest.Models.Count, results.Count);
            Assert.All(models.Manifest.Models, m => Assert.Equal(ModelFileState.Valid, models.Verify(m)));
        }
    }
}
