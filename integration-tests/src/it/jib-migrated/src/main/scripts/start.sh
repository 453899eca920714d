#!/bin/sh
exec java -cp @/app/builder-classpath-file @/app/builder-main-class-file
