BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $folder = Split-Path $ModuleManifest
}

Describe 'The module folder' {
    It 'has a valid manifest whose licence link names a file the repository has' {
        $manifest = Test-ModuleManifest $ModuleManifest
        $manifest.LicenseUri | Should -Not -BeNullOrEmpty
        $file = ($manifest.LicenseUri.AbsolutePath -split '/blob/main/')[-1]
        Join-Path $Repo $file | Should -Exist
    }

    It 'ships natives for the platforms README names only, without debug symbols' {
        (Get-ChildItem (Join-Path $folder 'dependencies' 'runtimes') -Directory).Name | Sort-Object | Should -Be @('linux-x64', 'osx-arm64', 'win-arm64', 'win-x64')
        Get-ChildItem $folder -Recurse -Include *.pdb, *.lib | Should -BeNullOrEmpty
        $megabytes = (Get-ChildItem $folder -Recurse -File | Measure-Object Length -Sum).Sum / 1MB
        Write-Host ("Module folder: {0:N0} MB" -f $megabytes)
        $megabytes | Should -BeLessThan 250
    }
}

Describe 'The module''s build' {
    It 'lays the module out where -o says, leaving the default folder alone' {
        $work = New-TestFolder
        try {
            $before = (Get-Item $ModuleManifest).LastWriteTimeUtc
            $project = Join-Path $Repo 'PowerShellModule' 'AnimeGan.PowerShell' 'AnimeGan.PowerShell.csproj'
            & dotnet publish $project -c Release --nologo -v quiet -o $work | Out-Null
            $LASTEXITCODE | Should -Be 0
            Join-Path $work 'AnimeGan' 'AnimeGan.psd1' | Should -Exist
            Join-Path $work 'AnimeGan' 'en-US' 'AnimeGan.PowerShell.dll-Help.xml' | Should -Exist
            (Get-Item $ModuleManifest).LastWriteTimeUtc | Should -Be $before
        }
        finally { Remove-Item -LiteralPath $work -Recurse -Force }
    }
}

Describe 'The PowerShell Gallery package' {
    BeforeAll {
        $work = New-TestFolder
        $feed = New-Item -ItemType Directory -Path (Join-Path $work 'feed')
        $repository = 'AnimeGanTest' + [Guid]::NewGuid().ToString('N').Substring(0, 8)
        Register-PSResourceRepository -Name $repository -Uri $feed.FullName -Trusted
    }
    AfterAll {
        Unregister-PSResourceRepository -Name $repository
        Remove-Item -LiteralPath $work -Recurse -Force
    }

    It 'publishes to a repository, installs from it into a clean folder, imports and converts a photo' {
        Publish-PSResource -Path $folder -Repository $repository
        $package = Get-ChildItem $feed -Filter 'AnimeGan.*.nupkg'
        $package | Should -HaveCount 1
        Write-Host ("Gallery package: {0:N0} MB" -f ($package.Length / 1MB))
        $package.Length | Should -BeLessThan 250MB

        $clean = New-Item -ItemType Directory -Path (Join-Path $work 'modules')
        Save-PSResource -Name AnimeGan -Repository $repository -Path $clean.FullName -TrustRepository
        $installed = Get-ChildItem $clean -Recurse -Filter AnimeGan.psd1 | Select-Object -First 1
        $installed | Should -Not -BeNullOrEmpty
        Copy-Item $Photo (Join-Path $work 'p.jpg')

        # A fresh PowerShell, so the copy under test is the one installed from the package.
        $script = "Import-Module '$($installed.FullName)' -ErrorAction Stop; (Get-Module AnimeGan).ModuleBase; (Convert-ToAnime '$(Join-Path $work 'p.jpg')' -MaxSize 64 -NoFaceEnhancement -ModelsPath '$Models').OutputPath"
        $lines = & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -Command $script
        $LASTEXITCODE | Should -Be 0
        $lines[0] | Should -Be (Split-Path $installed.FullName)
        $lines[1] | Should -Be (Join-Path $work 'p_anime.jpg')
        $lines[1] | Should -Exist
    }
}

Describe 'A new user''s profile' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
        $work = New-TestFolder
        $home_ = New-Item -ItemType Directory -Path (Join-Path $work 'home')
        $temp = New-Item -ItemType Directory -Path (Join-Path $work 'tmp')
        Copy-Item $Street (Join-Path $work 'p.jpg')
    }
    AfterAll {
        Remove-Item -LiteralPath $work -Recurse -Force
    }

    It 'converts a photo with faces and leaves no telemetry, nor anything of the module''s, in home or temp' {
        # A fresh PowerShell whose home and temporary folders are new: what it leaves there, PowerShell's own files
        # aside, is the module's (ONNX Runtime's telemetry is turned off by the engine).
        $script = "Import-Module '$ModuleManifest' -ErrorAction Stop; (Convert-ToAnime '$(Join-Path $work 'p.jpg')' -MaxSize 256 -ModelsPath '$Models').OutputPath"
        $saved = $env:HOME, $env:TMPDIR
        try {
            $env:HOME = $home_.FullName
            $env:TMPDIR = $temp.FullName
            $lines = & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -Command $script
        }
        finally {
            $env:HOME, $env:TMPDIR = $saved
        }
        $LASTEXITCODE | Should -Be 0
        $lines | Should -Be (Join-Path $work 'p_anime.jpg')
        $left = @(Get-ChildItem -LiteralPath $home_ -Recurse -Force -File | ForEach-Object { [IO.Path]::GetRelativePath($home_.FullName, $_.FullName) })
        $left | Where-Object { $_ -notlike '.cache/powershell/*' -and $_ -notlike '.local/share/powershell/*' } | Should -BeNullOrEmpty
        Test-Path (Join-Path $home_ '.cache' 'Microsoft') | Should -BeFalse
        @(Get-ChildItem -LiteralPath $temp -Recurse -Force) | Should -BeNullOrEmpty
    }
}
