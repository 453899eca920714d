package com.example.secret;

public class Main {
  public static void main(String[] args) {
    System.out.println("private");
  }
}
