#Requires -Modules Pester
# Pester 5 suite for people with pwsh and Pester: Invoke-Pester ./tests/PowerShell
# Build the module first: dotnet publish PowerShellModule/AnimeGan.PowerShell -c Release

BeforeAll {
    $repo = Resolve-Path (Join-Path $PSScriptRoot '..' '..')
    Import-Module (Join-Path $repo 'artifacts' 'module' 'AnimeGan' 'AnimeGan.psd1') -Force
    $models = if ($env:ANIMEGAN_MODELS) { $env:ANIMEGAN_MODELS } else { Join-Path ([IO.Path]::GetTempPath()) 'animegan-test-models' }
    $shared = Join-Path $repo '..' 'shared'
    Install-AnimeModel -All -SourcePath (Join-Path $shared 'models') -ModelsPath $models | Out-Null
    $photo = Join-Path $shared 'images' 'scenes' 'v3_8.jpg'
}

Describe 'Convert-ToAnime' {
    BeforeEach {
        $work = Join-Path ([IO.Path]::GetTempPath()) ([Guid]::NewGuid())
        New-Item -ItemType Directory -Path $work | Out-Null
        Copy-Item $photo (Join-Path $work 'a.jpg')
        Copy-Item $photo (Join-Path $work 'b.jpg')
    }
    AfterEach { Remove-Item $work -Recurse -Force }

    It 'converts Get-ChildItem output and returns result objects' {
        $results = Get-ChildItem $work -Filter *.jpg | Convert-ToAnime -MaxSize 128 -ModelsPath $models
        $results | Should -HaveCount 2
        $results[0].Style | Should -Be 'hayao'
        Join-Path $work 'a_anime.jpg' | Should -Exist
    }

    It 'writes nothing with -WhatIf' {
        Convert-ToAnime -Path (Join-Path $work '*.jpg') -WhatIf -ModelsPath $models
        (Get-ChildItem $work).Count | Should -Be 2
    }

    It 'reports a corrupt file and converts the others' {
        Set-Content -Path (Join-Path $work 'c.jpg') -Value 'not a photo'
        $results = Convert-ToAnime -Path (Join-Path $work '*.jpg') -MaxSize 128 -ModelsPath $models -ErrorVariable failures -ErrorAction SilentlyContinue
        $results | Should -HaveCount 2
        $failures | Should -HaveCount 1
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'writes a different picture with -KeepColors' {
        Convert-ToAnime -Path (Join-Path $work 'a.jpg') -MaxSize 128 -NoFaceEnhancement -Format png -ModelsPath $models | Out-Null
        Convert-ToAnime -Path (Join-Path $work 'a.jpg') -MaxSize 128 -NoFaceEnhancement -Format png -KeepColors -Suffix _kept -ModelsPath $models | Out-Null
        $styled = (Get-FileHash (Join-Path $work 'a_anime.png')).Hash
        (Get-FileHash (Join-Path $work 'a_kept.png')).Hash | Should -Not -Be $styled
    }

    It 'validates -Strength' {
        { Convert-ToAnime -Path (Join-Path $work 'a.jpg') -Strength 1.5 } | Should -Throw
    }
}

Describe 'Get-AnimeStyle' {
    It 'lists the installed styles' {
        (Get-AnimeStyle -ModelsPath $models).Id | Should -Contain 'hayao'
    }
}
