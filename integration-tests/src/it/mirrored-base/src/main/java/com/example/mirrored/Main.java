package com.example.mirrored;

public class Main {
  public static void main(String[] args) {
    System.out.println("mirrored");
  }
}
